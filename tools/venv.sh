#!/usr/bin/env bash
# Creates .venv (if needed) and installs minicompute with its test extras.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/pip install -q --upgrade pip 2>>.pip.log
.venv/bin/pip install -q -e '.[test,eventlet]' 2>>.pip.log \
    || { tail -20 .pip.log >&2; exit 1; }
