#!/usr/bin/env bash
# Builds a tiny bootable guest from Debian packages alone, offline from the
# package mirror: OUTDIR/vmlinuz (the Debian cloud kernel) and
# OUTDIR/initrd.img (a busybox initramfs whose /init prints TINY GUEST UP on
# the serial console, stays up, and powers off cleanly on an ACPI power
# button press). Boot it with direct kernel boot, console=ttyS0.
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
apt-get download -qq "$kpkg" busybox-static 2>&1 | grep -v "unsandboxed" || true
ls "$kpkg"_*.deb busybox-static_*.deb >/dev/null
dpkg-deb -x "$kpkg"_*.deb kernel
dpkg-deb -x busybox-static_*.deb busybox
cp kernel/boot/vmlinuz-* "$out/vmlinuz"

root=initramfs
mkdir -p "$root"/{bin,sbin,proc,sys,dev,etc,tmp}
cp busybox/bin/busybox "$root/bin/busybox"
# The power button and evdev drivers are modules in the cloud kernel; the
# init loads them so an ACPI power button press reaches busybox acpid.
kmods=$(echo kernel/lib/modules/*)
cp "$kmods"/kernel/drivers/acpi/button.ko "$kmods"/kernel/drivers/input/evdev.ko \
    "$root/"
for applet in sh mount echo sleep poweroff cat insmod; do
    ln -s busybox "$root/bin/$applet"
done
cat > "$root/init" <<'INIT'
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
insmod /evdev.ko
insmod /button.ko
# A power button press (ACPI) reaches the input layer; busybox acpid runs
# /etc/acpi/PWRF/00000080 for it, which powers off.
/bin/busybox acpid -f -c /etc/acpi -l /tmp/acpid.log -p /tmp/acpid.pid &
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
ln -s busybox "$root/bin/acpid"
(cd "$root" && find . | ../busybox/bin/busybox cpio -o -H newc | gzip -9) > "$out/initrd.img"
echo "Built $out/vmlinuz ($(stat -c %s "$out/vmlinuz") bytes) and" \
     "$out/initrd.img ($(stat -c %s "$out/initrd.img") bytes) from $kpkg"
