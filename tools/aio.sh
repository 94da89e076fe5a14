#!/usr/bin/env bash
# Sets up minicompute on a fresh Debian machine and starts the all-in-one
# (API on http://127.0.0.1:8774/v2.1, libvirt's test driver, SQLite under
# ~/.local/share/minicompute). Extra arguments go to minicompute-all.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/system-deps.sh
tools/venv.sh
exec .venv/bin/minicompute-all "$@"
