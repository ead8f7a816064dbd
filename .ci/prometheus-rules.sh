#!/usr/bin/env bash
# Checks the Prometheus alerting rules (config/prometheus/certwatch-rules.yml) with promtool and
# runs their unit tests (test/prometheus/*.test.yml). Installs Debian's `prometheus` package,
# which ships promtool, when promtool is missing (needs root or sudo). Exits non-zero on any
# failure and prints each command before running it.
set -euo pipefail
cd "$(dirname "$0")/.."

rules=config/prometheus/certwatch-rules.yml

if ! command -v promtool >/dev/null 2>&1; then
  echo "promtool not found: installing Debian's prometheus package"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "need root or sudo to install prometheus" >&2; exit 1; }
    sudo=sudo
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update
  $sudo apt-get install -y --no-install-recommends prometheus
fi

run() {
  echo "+ $*"
  "$@"
}

run promtool --version

run promtool check rules "$rules"

shopt -s nullglob
tests=(test/prometheus/*.test.yml)
if [ "${#tests[@]}" -eq 0 ]; then
  echo "no test files match test/prometheus/*.test.yml" >&2
  exit 1
fi
run promtool test rules "${tests[@]}"

echo "prometheus rules: check and ${#tests[@]} test file(s) passed"
