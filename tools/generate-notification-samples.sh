#!/usr/bin/env bash
# Regenerate doc/notification_samples/ from what the services really send:
# runs the functional notification test with the writer on, which drives
# every event through the all-in-one and writes each sample (and the
# common payloads) with the values that vary replaced by placeholders.
# Review the diff: a changed sample is a changed notification contract.
#
# Usage: tools/generate-notification-samples.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f doc/notification_samples/*.json doc/notification_samples/common_payloads/*.json
MINICOMPUTE_WRITE_NOTIFICATION_SAMPLES=1 .venv/bin/pytest -q -p no:cacheprovider \
    tests/functional/test_notifications.py::test_every_notification_matches_its_sample
