#!/usr/bin/env bash
# Regenerate the committed configuration and policy samples:
#
#   etc/minicompute/minicompute.conf.sample  (oslo-config-generator)
#   etc/minicompute/policy.yaml.sample       (oslopolicy-sample-generator)
#
# Usage: tools/generate-samples.sh [config|policy|all]   (default: all)
#
# The tox envs genconfig and genpolicy run this with "config" and "policy".
# The generators are taken from PATH unless OSLO_CONFIG_GENERATOR or
# OSLOPOLICY_SAMPLE_GENERATOR name them. Exits non-zero if a generator is
# missing or fails, or if it leaves an empty sample behind.

set -euo pipefail

TOP_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONFIG_GENERATOR=${OSLO_CONFIG_GENERATOR:-oslo-config-generator}
POLICY_GENERATOR=${OSLOPOLICY_SAMPLE_GENERATOR:-oslopolicy-sample-generator}

die() {
    echo "generate-samples: $*" >&2
    exit 1
}

# run_generator TOOL GENERATOR_CONF SAMPLE
#
# The generators open their output file before loading any option or policy,
# so a failure would leave an empty sample behind: write to a temporary file
# and replace the sample only when the run succeeded.
run_generator() {
    local tool=$1 generator_conf=$2 sample=$3 tmp
    command -v "$tool" >/dev/null 2>&1 || \
        die "$tool not found; install minicompute with its requirements"
    tmp=$(mktemp "$sample.XXXXXX")
    if ! "$tool" --config-file "$generator_conf" --output-file "$tmp"; then
        rm -f "$tmp"
        die "$tool failed for ${generator_conf#"$TOP_DIR"/}"
    fi
    if [[ ! -s $tmp ]]; then
        rm -f "$tmp"
        die "$tool produced an empty ${sample#"$TOP_DIR"/}"
    fi
    chmod 0644 "$tmp"
    mv -f "$tmp" "$sample"
    echo "generate-samples: wrote ${sample#"$TOP_DIR"/}"
}

generate_config() {
    run_generator "$CONFIG_GENERATOR" \
        "$TOP_DIR/etc/minicompute/minicompute-config-generator.conf" \
        "$TOP_DIR/etc/minicompute/minicompute.conf.sample"
}

generate_policy() {
    run_generator "$POLICY_GENERATOR" \
        "$TOP_DIR/etc/minicompute/minicompute-policy-generator.conf" \
        "$TOP_DIR/etc/minicompute/policy.yaml.sample"
}

case ${1:-all} in
    config) generate_config ;;
    policy) generate_policy ;;
    all) generate_config; generate_policy ;;
    *) die "usage: $0 [config|policy|all]" ;;
esac
