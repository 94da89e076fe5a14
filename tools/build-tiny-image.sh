#!/usr/bin/env bash
# Builds a tiny bootable guest from Debian packages alone, offline from the
# package mirror: OUTDIR/vmlinuz (the Debian cloud kernel) and
# OUTDIR/initrd.img (a busybox initramfs). Boot it with direct kernel boot,
# console=ttyS0. Its /init, like a cloud image's first boot:
#   - brings its NICs up by DHCP (busybox udhcpc, with the classless static
#     routes option that leads to 169.254.169.254);
#   - reads its instance's metadata from the config drive (the CD labelled
#     config-2) when there is one, else from the metadata service
#     (http://169.254.169.254/openstack/latest/) when DHCP gave it a route
#     there (a network's proxy; a user-mode NIC's DHCP gives none);
#   - sets its hostname, installs the public keys for root, runs user_data
#     that starts with #!;
#   - serves SSH (Debian's dropbear, its binary and libraries taken from
#     the packages) as root with those keys;
#   - prints what it did on the serial console ("TINY GUEST ..." lines),
#     then TINY GUEST UP, and powers off on an ACPI power button press.
#   tools/build-tiny-image.sh OUTDIR
set -euo pipefail
out=${1:?usage: $0 OUTDIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"  # apt downloads as the _apt user
cd "$work"

# The newest cloud kernel image package the mirror has (the meta package
# linux-image-cloud-amd64 depends on it).
find_kernel() {
    apt-cache depends linux-image-cloud-amd64 2>/dev/null \
        | awk '/Depends: linux-image-[0-9]/ {print $2; exit}'
}
kpkg=$(find_kernel)
if [ -z "$kpkg" ]; then
    apt-get update -qq >/dev/null 2>&1 || true
    kpkg=$(find_kernel)
fi
[ -n "$kpkg" ] || { echo "no cloud kernel package found" >&2; exit 1; }
# dropbear-bin and the libraries it links against (libc6's loader too, so
# the guest's userland is one consistent set from the mirror).
ssh_pkgs="dropbear-bin libtomcrypt1 libtommath1 libgmp10 libcrypt1 zlib1g libc6"
# shellcheck disable=SC2086
apt-get download -qq "$kpkg" busybox-static $ssh_pkgs 2>&1 \
    | grep -v "unsandboxed" || true
ls "$kpkg"_*.deb busybox-static_*.deb dropbear-bin_*.deb >/dev/null
dpkg-deb -x "$kpkg"_*.deb kernel
dpkg-deb -x busybox-static_*.deb busybox
for pkg in $ssh_pkgs; do
    dpkg-deb -x "$pkg"_*.deb ssh
done
cp kernel/boot/vmlinuz-* "$out/vmlinuz"

root=initramfs
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,etc,tmp,run,mnt/config,root,lib,modules}
cp busybox/bin/busybox "$root/bin/busybox"
ln -s busybox "$root/bin/sh"

# Kernel modules, in load order (the cloud kernel builds them as modules
# and the package carries no modules.dep): the ACPI power button, the IDE
# CD-ROM and ISO 9660 for the config drive, virtio-net for the NICs.
kmods=$(echo kernel/lib/modules/*)
modules="drivers/input/evdev drivers/acpi/button
  drivers/scsi/scsi_common drivers/scsi/scsi_mod drivers/cdrom/cdrom
  drivers/scsi/sr_mod drivers/ata/libata drivers/ata/ata_piix fs/isofs/isofs
  drivers/virtio/virtio_ring drivers/virtio/virtio
  drivers/virtio/virtio_pci_modern_dev drivers/virtio/virtio_pci_legacy_dev
  drivers/virtio/virtio_pci net/core/failover drivers/net/net_failover
  drivers/net/virtio_net"
: > "$root/modules/order"
for mod in $modules; do
    cp "$kmods/kernel/$mod.ko" "$root/modules/"
    basename "$mod" >> "$root/modules/order"
done

# dropbear and exactly the libraries it resolves to inside the packages.
cp ssh/usr/sbin/dropbear "$root/usr/sbin/"
cp ssh/usr/bin/dropbearkey "$root/usr/bin/"
libpath="$work/ssh/lib/x86_64-linux-gnu:$work/ssh/usr/lib/x86_64-linux-gnu"
mkdir -p "$root/lib/x86_64-linux-gnu" "$root/lib64"
LD_LIBRARY_PATH=$libpath ldd ssh/usr/sbin/dropbear \
    | awk '/=> \// {print $3}' | while read -r lib; do
        case $lib in
            "$work"/ssh/*) cp -L "$lib" "$root/lib/x86_64-linux-gnu/" ;;
            *) echo "dropbear needs $lib from outside its packages" >&2; exit 1 ;;
        esac
    done
cp -L ssh/lib64/ld-linux-x86-64.so.2 "$root/lib64/"

cat > "$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
EOF
echo 'root:*:19000:0:99999:7:::' > "$root/etc/shadow"
echo 'root:x:0:' > "$root/etc/group"
echo '/bin/sh' > "$root/etc/shells"
chmod 700 "$root/root"

# udhcpc calls this with the lease in its environment.
cat > "$root/etc/udhcpc.script" <<'EOF'
#!/bin/sh
case "$1" in
deconfig)
    ip addr flush dev "$interface"
    ip link set "$interface" up
    ;;
bound|renew)
    ip addr flush dev "$interface"
    ip addr add "$ip/${mask:-24}" dev "$interface"
    [ -n "$mtu" ] && ip link set "$interface" mtu "$mtu"
    # RFC 3442: with classless static routes the router option is ignored.
    if [ -n "$staticroutes" ]; then
        set -- $staticroutes
        while [ $# -ge 2 ]; do
            if [ "$2" = 0.0.0.0 ]; then
                ip route add "$1" dev "$interface"
            else
                ip route add "$1" via "$2" dev "$interface"
            fi
            shift 2
        done
    elif [ -n "$router" ]; then
        set -- $router
        ip route add default via "$1" dev "$interface"
    fi
    : > /etc/resolv.conf
    for ns in $dns; do echo "nameserver $ns" >> /etc/resolv.conf; done
    echo "TINY GUEST DHCP $interface $ip/${mask:-24}" > /dev/console
    ;;
esac
exit 0
EOF
chmod +x "$root/etc/udhcpc.script"

# The cloud-init of this guest: metadata from META_DIR (a mounted config
# drive's openstack/latest, or the files fetched from the service).
cat > "$root/bin/tiny-cloud-init" <<'EOF'
#!/bin/sh
md=/run/metadata
mkdir -p $md
source=none
cr=$(printf '\r')
# GET http://169.254.169.254$1 into $2 when the answer is 200. nc, not
# busybox-static's wget: that one crashes looking something up through
# NSS once a shared libc (dropbear's) is on the system.
http_get() {
    printf 'GET %s HTTP/1.0\r\nHost: 169.254.169.254\r\n\r\n' "$1" \
        | nc -w 10 169.254.169.254 80 > /tmp/http.answer 2>/dev/null
    head -n 1 /tmp/http.answer | grep -q '^HTTP/1\.[01] 200 ' || return 1
    sed "1,/^$cr\$/d" /tmp/http.answer > "$2"
}
# The IDE probe that brings a CD-ROM finishes shortly after its driver
# loads; a guest without one waits two seconds at most.
for _ in 1 2 3 4 5 6 7 8 9 10; do
    ls /dev/sr* >/dev/null 2>&1 && break
    sleep 0.2
done
dev=""
for _ in 1 2 3 4 5; do
    ls /dev/sr* >/dev/null 2>&1 || break
    dev=$(findfs LABEL=config-2 2>/dev/null) && break
    sleep 1
done
if [ -n "$dev" ] && mount -t iso9660 -o ro "$dev" /mnt/config; then
    source=config-2
    cp /mnt/config/openstack/latest/* $md/ 2>/dev/null
elif [ -n "$(ip route show 169.254.169.254 2>/dev/null)" ]; then
    # Only where DHCP gave a route to the metadata address (the network's
    # classless static route to its proxy): never through a default
    # gateway that leads elsewhere.
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        if http_get /openstack/latest/meta_data.json $md/meta_data.json; then
            source=metadata-service
            http_get /openstack/latest/user_data $md/user_data \
                || rm -f $md/user_data
            break
        fi
        rm -f $md/meta_data.json
        sleep 2
    done
fi
echo "TINY GUEST CONFIG SOURCE $source"
[ -f $md/meta_data.json ] || exit 0
# The documents are JSON written by the metadata service: one line, no
# escapes in hostnames or OpenSSH public keys.
fqdn=$(sed -n 's/.*"hostname": "\([^"]*\)".*/\1/p' $md/meta_data.json)
if [ -n "$fqdn" ]; then
    hostname "${fqdn%%.*}"
    echo "${fqdn%%.*}" > /etc/hostname
    echo "TINY GUEST HOSTNAME $(hostname)"
fi
mkdir -p /root/.ssh
chmod 700 /root/.ssh
grep -o '"data": "[^"]*"' $md/meta_data.json \
    | sed 's/^"data": "\(.*\)"$/\1/' > /root/.ssh/authorized_keys
chmod 600 /root/.ssh/authorized_keys
echo "TINY GUEST KEYS $(grep -c . /root/.ssh/authorized_keys) installed"
if [ -f $md/user_data ] && [ "$(head -c 2 $md/user_data)" = '#!' ]; then
    cp $md/user_data /run/user_data
    chmod +x /run/user_data
    /run/user_data
    echo "TINY GUEST USER DATA EXIT $?"
fi
EOF
chmod +x "$root/bin/tiny-cloud-init"

cat > "$root/init" <<'INIT'
#!/bin/sh
/bin/busybox --install -s /bin
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts
mount -t devpts devpts /dev/pts
for mod in $(cat /modules/order); do
    insmod "/modules/$mod.ko" 2>/dev/null
done
# A power button press (ACPI) reaches the input layer; busybox acpid runs
# /etc/acpi/PWRF/00000080 for it, which powers off.
acpid -f -c /etc/acpi -l /tmp/acpid.log -p /tmp/acpid.pid &
ip link set lo up
hostname tiny
for path in /sys/class/net/*; do
    nic=${path##*/}
    [ "$nic" = lo ] && continue
    ip link set "$nic" up
    udhcpc -i "$nic" -s /etc/udhcpc.script -t 3 -T 2 -A 1 -b -O staticroutes \
        -O mtu -x hostname:tiny >/dev/null 2>&1
done
# A moment for a lease (udhcpc goes on in the background if it has none).
for _ in 1 2 3 4 5 6; do
    [ -n "$(ip -4 route show default 2>/dev/null)$(ip -4 route show 169.254.169.254 2>/dev/null)" ] && break
    [ "$(ls /sys/class/net | wc -l)" -gt 1 ] || break
    sleep 1
done
/bin/tiny-cloud-init
mkdir -p /etc/dropbear
if dropbear -R -E -s -p 22 -P /run/dropbear.pid 2>/tmp/dropbear.log; then
    echo "TINY GUEST SSH UP"
fi
# Up means ready for the power button: acpid has written its pid file.
for _ in 1 2 3 4 5 6 7 8 9 10; do
    [ -e /tmp/acpid.pid ] && break
    sleep 1
done
echo "TINY GUEST UP"
while true; do sleep 3600; done
INIT
chmod +x "$root/init"
mkdir -p "$root/etc/acpi/PWRF"
printf '#!/bin/sh\necho "TINY GUEST POWERING OFF"\n/bin/busybox poweroff -f\n' \
    > "$root/etc/acpi/PWRF/00000080"
chmod +x "$root/etc/acpi/PWRF/00000080"
(cd "$root" && find . | ../busybox/bin/busybox cpio -o -H newc | gzip -9) > "$out/initrd.img"
echo "Built $out/vmlinuz ($(stat -c %s "$out/vmlinuz") bytes) and" \
     "$out/initrd.img ($(stat -c %s "$out/initrd.img") bytes) from $kpkg"
