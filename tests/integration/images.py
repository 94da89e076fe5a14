"""Guest images built from Debian packages, once per machine and kept:
each build script's output is cached under ``MINICOMPUTE_IMAGE_CACHE``
(default /var/tmp/minicompute-images), keyed by the script's own content,
so a changed script builds afresh and parallel runs build once."""
from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))
CACHE_DIR = os.environ.get('MINICOMPUTE_IMAGE_CACHE',
                           '/var/tmp/minicompute-images')
_DONE = '.complete'


def cached_build(script: str, name: str, timeout: float) -> str:
    """The directory ``tools/<script> DIR`` fills, built if the cache has
    none for this version of the script."""
    path = os.path.join(REPO, 'tools', script)
    with open(path, 'rb') as f:
        key = hashlib.sha256(f.read()).hexdigest()[:12]
    os.makedirs(CACHE_DIR, mode=0o755, exist_ok=True)
    target = os.path.join(CACHE_DIR, '%s-%s' % (name, key))
    if os.path.exists(os.path.join(target, _DONE)):
        return target
    with open(os.path.join(CACHE_DIR, name + '.lock'), 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if os.path.exists(os.path.join(target, _DONE)):
            return target
        building = tempfile.mkdtemp(prefix=name + '-', dir=CACHE_DIR)
        try:
            result = subprocess.run([path, building], capture_output=True,
                                    text=True, timeout=timeout)
            if result.returncode != 0:
                raise AssertionError('%s failed:\n%s%s' % (
                    script, result.stdout[-3000:], result.stderr[-3000:]))
            open(os.path.join(building, _DONE), 'w').close()
            os.chmod(building, 0o755)
            shutil.rmtree(target, ignore_errors=True)
            os.rename(building, target)
        finally:
            shutil.rmtree(building, ignore_errors=True)
    return target


def tiny_image() -> str:
    """vmlinuz and initrd.img of tools/build-tiny-image.sh."""
    return cached_build('build-tiny-image.sh', 'tiny', timeout=600)


def cloud_image() -> str:
    """disk.qcow2, vmlinuz and initrd.img of tools/build-cloud-image.sh
    (a debootstrap of Debian 12: minutes, and a few hundred MB from the
    mirror)."""
    return cached_build('build-cloud-image.sh', 'debian12-cloud',
                        timeout=3600)
