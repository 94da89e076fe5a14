#!/usr/bin/env bash
# The test command: installs what is missing, starts RabbitMQ, MariaDB and
# PostgreSQL if they are down, then runs lint and the three test tiers
# (unit, functional, integration). CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/system-deps.sh --services
tools/venv.sh
tools/keystone-venv.sh
.venv/bin/ruff check minicompute tests
.venv/bin/pytest -p no:cacheprovider -q tests/unit tests/functional tests/integration "$@"
