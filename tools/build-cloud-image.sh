#!/usr/bin/env bash
# Builds a stock Debian 12 (bookworm) cloud guest by debootstrap from the
# Debian mirror this machine uses: cloud-init, openssh-server and the cloud
# kernel, nothing of minicompute's. It is the proof that an ordinary cloud
# image works unchanged: cloud-init finds the config drive (label config-2)
# or, with SMBIOS product "OpenStack Nova", the metadata service.
#
#   tools/build-cloud-image.sh OUTDIR
#
# OUTDIR/disk.qcow2   the root file system (ext4, no partition table)
# OUTDIR/vmlinuz      the kernel and
# OUTDIR/initrd.img   its initramfs, for direct kernel boot with
#                     "root=/dev/vda console=ttyS0" (register them as
#                     aki/ari images and the disk with kernel_id,
#                     ramdisk_id and os_command_line properties)
#
# Needs root (debootstrap, chroot; mkfs.ext4 -d fills the file system
# without mounting it) and several minutes; DEBIAN_MIRROR overrides the
# mirror.
set -euo pipefail
out=${1:?usage: $0 OUTDIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
suite=bookworm

mirror=${DEBIAN_MIRROR:-}
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list.d/debian.sources ]; then
    mirror=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' \
        /etc/apt/sources.list.d/debian.sources)
fi
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
    mirror=$(awk '/^deb / && $2 !~ /security/ {print $2; exit}' \
        /etc/apt/sources.list)
fi
mirror=${mirror:-http://deb.debian.org/debian}

if ! command -v debootstrap >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends debootstrap >/dev/null
fi

work=$(mktemp -d /var/tmp/cloud-image.XXXXXX)
root=$work/root
[ -n "$work" ] && [ -d "$work" ] || { echo "no work directory" >&2; exit 1; }
mounted=()
cleanup() {
    local fs
    for fs in "${mounted[@]}"; do
        umount "$fs" 2>/dev/null || umount -l "$fs" 2>/dev/null || true
    done
    # Never delete through a mount that is still there (/dev is bound in).
    if grep -q " $work/" /proc/mounts; then
        echo "left $work in place: something is still mounted in it" >&2
        return
    fi
    rm -rf "$work"
}
trap cleanup EXIT
# Mount into the build tree only: every target is under $root.
mount_in_root() {
    local target=$root/$1
    shift
    mount "$@" "$target"
    mounted=("$target" "${mounted[@]}")
}

# A minimal base first; the rest is installed by apt inside it with /proc
# and /dev mounted (debootstrap --include cannot configure a tree this
# size: python3-cryptography fails).
echo "debootstrap $suite from $mirror"
if ! debootstrap --variant=minbase "$suite" "$root" "$mirror" \
        > "$work/debootstrap.log" 2>&1; then
    tail -30 "$work/debootstrap.log" >&2
    exit 1
fi
mount_in_root proc -t proc proc
mount_in_root sys -t sysfs sysfs
mount_in_root dev --bind /dev
mount_in_root dev/pts -t devpts devpts
printf 'deb %s %s main\ndeb %s %s-updates main\n' \
    "$mirror" "$suite" "$mirror" "$suite" > "$root/etc/apt/sources.list"
# Nothing starts inside the build.
printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
chmod +x "$root/usr/sbin/policy-rc.d"
# What Debian's own generic cloud image carries, less what a TCG guest
# does not need: systemd, udev, ifupdown with DHCP, cloud-init, sshd.
packages="systemd-sysv udev linux-image-cloud-amd64 initramfs-tools
  cloud-init openssh-server ifupdown isc-dhcp-client netbase iproute2 sudo
  ca-certificates"
# shellcheck disable=SC2086
if ! chroot "$root" /bin/sh -c "apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends $(echo $packages)" > "$work/apt.log" 2>&1
then
    tail -30 "$work/apt.log" >&2
    exit 1
fi
rm -f "$root/usr/sbin/policy-rc.d"

echo '/dev/vda / ext4 rw,discard,errors=remount-ro 0 1' > "$root/etc/fstab"
printf '%s\n' \
    '# cloud-init writes the NICs to /etc/network/interfaces.d/.' \
    'auto lo' 'iface lo inet loopback' \
    'source /etc/network/interfaces.d/*' > "$root/etc/network/interfaces"
# Every guest gets its own identity on first boot.
rm -f "$root"/etc/ssh/ssh_host_* "$root/etc/hostname"
: > "$root/etc/machine-id"
rm -f "$root/var/lib/dbus/machine-id"
chroot "$root" apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/log/*.log
for fs in "${mounted[@]}"; do
    umount "$fs"
done
mounted=()

cp -L "$root"/boot/vmlinuz-* "$out/vmlinuz"
cp -L "$root"/boot/initrd.img-* "$out/initrd.img"
chmod 644 "$out/vmlinuz" "$out/initrd.img"
# Room to spare on the root file system (the flavor's disk grows the
# overlay, not the file system).
used_mb=$(du -sm "$root" | cut -f1)
size_mb=$((used_mb * 14 / 10 + 512))
mkfs.ext4 -q -F -L cloudimg-rootfs -d "$root" "$work/root.img" "${size_mb}M"
qemu-img convert -O qcow2 "$work/root.img" "$out/disk.qcow2"
echo "Built $out/disk.qcow2 ($(stat -c %s "$out/disk.qcow2") bytes," \
     "${size_mb} MiB file system), vmlinuz and initrd.img from $mirror"
