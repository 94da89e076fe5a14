#!/usr/bin/env bash
# A separate venv with keystone and gunicorn for the keystone integration
# test (keystone's own dependencies stay out of minicompute's venv).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if ! .venv-keystone/bin/python -c 'import keystone, gunicorn' 2>/dev/null; then
    rm -rf .venv-keystone
    "$PYTHON" -m venv .venv-keystone
    .venv-keystone/bin/pip install -q --upgrade pip 2>>.pip.log
    .venv-keystone/bin/pip install -q keystone gunicorn 2>>.pip.log \
        || { tail -20 .pip.log >&2; exit 1; }
fi
