#!/usr/bin/env bash
# Installs (Debian/Ubuntu) what minicompute needs from the system and starts
# the servers the tests use if they are down. Idempotent; needs root (or
# sudo) only when something is missing.
#   tools/system-deps.sh            # build deps: libvirt-dev, qemu-utils...
#   tools/system-deps.sh --services # also RabbitMQ, MariaDB, PostgreSQL
set -euo pipefail

want_services=false
[ "${1:-}" = "--services" ] && want_services=true

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"

missing=()
need_pkg() { dpkg -s "$1" >/dev/null 2>&1 || missing+=("$1"); }
for pkg in gcc pkg-config libvirt-dev qemu-utils; do
    need_pkg "$pkg"
done
# Debian's own python3 needs these for venvs and C extensions; another
# python3 (pyenv, a build) brings its own.
PYTHON=${PYTHON:-python3}
"$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
[ -f "$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')/Python.h" ] \
    || missing+=(python3-dev)
if $want_services; then
    # libvirtd + QEMU for the real-guest integration test; xmllint lets
    # virt-xml-validate check generated domain XML against libvirt's schema;
    # iproute2 makes the network namespaces of the metadata proxy test.
    # (tools/build-cloud-image.sh installs debootstrap itself: only its
    # opt-in test needs it.)
    for pkg in libvirt-daemon-system libvirt-clients qemu-system-x86 \
               busybox-static libxml2-utils iproute2; do
        need_pkg "$pkg"
    done
    command -v rabbitmq-server >/dev/null || missing+=(rabbitmq-server)
    command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] \
        || missing+=(mariadb-server)
    command -v pg_ctlcluster >/dev/null || missing+=(postgresql)
fi
fresh_servers=" ${missing[*]:-} "
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
        --no-install-recommends "${missing[@]}" >/dev/null
fi
$want_services || exit 0

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() {
    for _ in $(seq 1 60); do port_open "$1" && return 0; sleep 1; done
    echo "port $1 did not open" >&2; return 1
}

if ! port_open 5672; then
    echo "Starting RabbitMQ"
    $SUDO rabbitmq-server -detached
fi
if ! port_open 3306; then
    echo "Starting MariaDB"
    $SUDO mkdir -p /run/mysqld && $SUDO chown mysql: /run/mysqld || true
    $SUDO start-stop-daemon --start --oknodo --background \
        --exec /usr/sbin/mariadbd -- --user=mysql --bind-address=127.0.0.1
fi
if ! port_open 5432; then
    echo "Starting PostgreSQL"
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
fi
wait_port 5672; wait_port 3306; wait_port 5432

# virtlogd must run before libvirtd, or starting a domain fails.
if ! pgrep -x virtlogd >/dev/null; then
    echo "Starting virtlogd"
    $SUDO /usr/sbin/virtlogd -d
fi
if ! pgrep -x libvirtd >/dev/null; then
    echo "Starting libvirtd"
    $SUDO /usr/sbin/libvirtd -d
fi
for _ in $(seq 1 30); do
    $SUDO virsh -c qemu:///system version >/dev/null 2>&1 && break
    sleep 1
done
# A fresh libvirtd probes every QEMU binary's capabilities on first use
# (seconds under TCG); pay that here, not inside a test's boot timeout.
timeout 180 $SUDO virsh -c qemu:///system capabilities >/dev/null 2>&1 || true
timeout 180 $SUDO virsh -c qemu:///system domcapabilities --virttype qemu \
    >/dev/null 2>&1 || true

# Servers installed just now get the access the tests use: root without a
# password on MariaDB and trust for 127.0.0.1 on PostgreSQL (test machines
# only; never do this on a shared host).
if [[ "$fresh_servers" == *" mariadb-server "* ]]; then
    $SUDO mariadb -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA \
        mysql_native_password USING PASSWORD(''); FLUSH PRIVILEGES;"
fi
if [[ "$fresh_servers" == *" postgresql "* ]]; then
    hba=$(ls /etc/postgresql/*/main/pg_hba.conf | head -1)
    echo "host all postgres 127.0.0.1/32 trust" | $SUDO tee -a "$hba" >/dev/null
    $SUDO sed -i '0,/^host/s//host all postgres 127.0.0.1\/32 trust\nhost/' "$hba"
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main reload
fi
