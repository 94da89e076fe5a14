"""The committed config and policy samples match what the generators make.

Each sample is regenerated into a temporary directory with the generator
config the repository uses (only the output file differs) and compared with
the committed one. A difference means an option or a policy changed without
``tools/generate-samples.sh`` being run, or that an oslo library was upgraded
and brought new options of its own.
"""
import difflib
import pathlib
import shutil
import subprocess
import sys

import pytest

TOP_DIR = pathlib.Path(__file__).resolve().parents[2]
ETC_DIR = TOP_DIR / 'etc' / 'minicompute'
BIN_DIR = pathlib.Path(sys.executable).parent

SAMPLES = [
    pytest.param('oslo-config-generator',
                 'minicompute-config-generator.conf',
                 'minicompute.conf.sample', id='config'),
    pytest.param('oslopolicy-sample-generator',
                 'minicompute-policy-generator.conf',
                 'policy.yaml.sample', id='policy'),
]


def _generator(name: str) -> pathlib.Path:
    """The generator installed beside this interpreter, or skip."""
    found = shutil.which(name, path=str(BIN_DIR))
    if found is None:
        pytest.skip('%s is not installed next to %s' % (name,
                                                         sys.executable))
    return pathlib.Path(found)


@pytest.mark.parametrize('tool, generator_conf, sample', SAMPLES)
def test_committed_sample_is_current(tmp_path, tool, generator_conf,
                                     sample):
    committed = ETC_DIR / sample
    assert committed.is_file(), '%s is missing' % committed
    fresh = tmp_path / sample

    result = subprocess.run(
        [str(_generator(tool)), '--config-file',
         str(ETC_DIR / generator_conf), '--output-file', str(fresh)],
        cwd=TOP_DIR, capture_output=True, text=True, timeout=120)

    assert result.returncode == 0, '%s failed:\n%s' % (
        tool, result.stderr[-3000:])
    expected = fresh.read_text().splitlines(keepends=True)
    actual = committed.read_text().splitlines(keepends=True)
    diff = ''.join(difflib.unified_diff(
        actual, expected, fromfile='committed/%s' % sample,
        tofile='generated/%s' % sample, n=1))
    assert not diff, (
        '%s is out of date; run tools/generate-samples.sh\n%s'
        % (sample, diff[:4000]))
