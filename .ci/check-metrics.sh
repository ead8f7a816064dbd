#!/usr/bin/env bash
# Runs the demo (simulator + daemon), waits until its first cycle is done, and lints the real
# /metrics exposition with promtool. Leaves a copy in artifacts/demo-metrics.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p artifacts
port=9798
node --import tsx dev/demo/main.ts > artifacts/demo-output.txt 2>&1 &
demo=$!
trap 'kill $demo 2>/dev/null || true; wait $demo 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  kill -0 $demo 2>/dev/null || { cat artifacts/demo-output.txt; echo "demo exited early" >&2; exit 1; }
  sleep 0.2
done
curl -sf "http://127.0.0.1:$port/metrics" > artifacts/demo-metrics.txt
echo "demo /metrics: $(grep -c '^certwatch_' artifacts/demo-metrics.txt) certwatch_ samples, $(wc -l < artifacts/demo-metrics.txt) lines"
promtool check metrics < artifacts/demo-metrics.txt
echo "promtool check metrics: exit 0 (clean)"
