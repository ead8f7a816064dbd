#!/usr/bin/env bash
# Checks the deployment files: config/docker-compose.yml + config/compose/ and config/kubernetes/.
#
#   bash .ci/deployment-check.sh        (from anywhere; `npm ci` must have run: yaml, tsx)
#
#  1. every YAML file there parses (all documents), and the fields the deployment relies on are
#     right: securityContext, the token from a Secret / the environment, the config and state_dir
#     mounts, probes, ports, the scrape job name... (test/deployment/check-manifests.mjs)
#  2. the ConfigMap's certwatch.yaml and the compose certwatch config load through certwatch's own
#     config loader (src/config/load.ts), with only the env vars the deployment gives the process
#  3. config/kubernetes/prometheusrule.yaml is what generate-prometheusrule.mjs makes from
#     config/prometheus/certwatch-rules.yml, and its spec passes `promtool check rules`
#  4. compose's prometheus.yml passes `promtool check config` (with the rule files laid out as
#     compose mounts them), its alertmanager.yml `amtool check-config` (when amtool is installed)
#  5. docker-compose.yml passes `docker-compose config` (Debian's docker-compose, schema check only:
#     no Docker engine needed), and `kubectl kustomize` renders config/kubernetes when kubectl is
#     installed
# Installs Debian's prometheus (promtool) and docker-compose when missing (root or sudo).
# Prints each check; exits non-zero if any failed.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

PASSED=0
FAILED=0
section() { printf '\n== %s\n' "$*"; }
run() { echo "+ $*"; "$@"; }
pass() { echo "PASS $*"; PASSED=$((PASSED + 1)); }
fail() { echo "FAIL $*"; FAILED=$((FAILED + 1)); }
# Runs a command that prints its own PASS/FAIL lines and adds them to the counts; `what` is
# reported as failed too if the command fails without printing a FAIL line.
counted() {
  local what=$1 log status=0 p f
  shift
  log=$(mktemp "$OUT/step.XXXXXX")
  "$@" 2>&1 | tee "$log" || status=$?
  p=$(grep -c '^PASS' "$log" || true)
  f=$(grep -c '^FAIL' "$log" || true)
  PASSED=$((PASSED + p))
  FAILED=$((FAILED + f))
  if ((status != 0 && f == 0)); then fail "$what (exit $status)"; fi
}

section "tools"
[[ -f node_modules/yaml/package.json && -x node_modules/.bin/tsx ]] || { echo "node_modules/yaml or tsx missing: run npm ci first" >&2; exit 1; }
missing=()
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
if ((${#missing[@]} > 0)); then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { echo "need root or sudo to install ${missing[*]}" >&2; exit 1; }
    sudo=sudo
  fi
  echo "installing Debian package(s): ${missing[*]}"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "node $(node --version), yaml $(node -p 'require("./node_modules/yaml/package.json").version')"
promtool --version 2>&1 | head -n1
docker-compose version --short 2>/dev/null | sed 's/^/docker-compose /'
if command -v amtool >/dev/null 2>&1; then amtool --version 2>&1 | head -n1; else echo "amtool: not installed (its check is skipped)"; fi

OUT=$(mktemp -d "${TMPDIR:-/tmp}/deployment-check.XXXXXX")
trap 'rm -rf "$OUT"' EXIT

section "1. YAML parses; manifest and compose fields (test/deployment/check-manifests.mjs)"
counted "check-manifests.mjs" node test/deployment/check-manifests.mjs "$OUT"

section "2. certwatch configs through certwatch's own loader (src/config/load.ts parseConfig)"
if [[ -f $OUT/configs.json ]]; then
  CONFIGS_JSON="$OUT/configs.json" counted "certwatch config loading" node --import tsx --input-type=module -e '
    import { readFileSync } from "node:fs";
    const { parseConfig } = await import("./src/config/load.ts");
    const configs = JSON.parse(readFileSync(process.env.CONFIGS_JSON, "utf8"));
    let bad = 0;
    const check = (ok, what, detail = "") => {
      console.log(`${ok ? "PASS" : "FAIL"} ${what}${ok || !detail ? "" : `: ${detail}`}`);
      if (!ok) bad++;
    };
    for (const { label, file, source, env: names, expect } of configs) {
      // Only what the deployment puts in the process environment, each set to a dummy value.
      const env = Object.fromEntries(names.map((n) => [n, n === "CLOUDFLARE_API_TOKEN" ? "dummy" : `dummy-${n}`]));
      let config;
      try {
        config = parseConfig(readFileSync(file, "utf8"), source, env);
      } catch (error) {
        check(false, `${label} (${source}) loads with env {${names.join(", ")}}`, error.problems ? "\n  " + error.problems.join("\n  ") : String(error));
        continue;
      }
      check(true, `${label} (${source}) loads with env {${names.join(", ")}}: ${config.zones.length} zone(s), schedule "${config.schedule}", sinks [${config.alerts.sinks.map((s) => `${s.name}:${s.type}`).join(", ")}]`);
      const auth = config.cloudflare.auth;
      check(auth.kind === "token" && auth.token === "dummy", `${label}: the API token is env CLOUDFLARE_API_TOKEN (the file sets no credentials)`, JSON.stringify(auth.kind));
      check(config.server.port === expect.port, `${label}: server.listen port ${config.server.port} = ${expect.port} (container port, probes, healthcheck)`);
      check(config.server.host === "0.0.0.0" || config.server.host === "::", `${label}: listens on all interfaces (${config.server.host}), reachable by Prometheus and the kubelet`);
      check(config.state_dir === expect.state_dir, `${label}: state_dir ${config.state_dir} = ${expect.state_dir} (the mounted volume)`);
      const t = expect.thresholds;
      const same = (x) => x.warning_days === t.warning_days && x.critical_days === t.critical_days;
      check(same(config.thresholds) && config.zones.every((z) => same(z.thresholds)), `${label}: thresholds ${t.warning_days}/${t.critical_days} days, as certwatch-rules.yml hardcodes`, JSON.stringify([config.thresholds, ...config.zones.map((z) => z.thresholds)]));
      if (expect.alertmanager_sink_hosts) {
        const sinks = config.alerts.sinks.filter((s) => s.type === "alertmanager");
        const hosts = sinks.map((s) => new URL(s.url).host);
        check(sinks.length > 0 && hosts.every((h) => expect.alertmanager_sink_hosts.some((svc) => h === `${svc}:9093`)), `${label}: alertmanager sink -> ${hosts.join(", ") || "(none)"} (the Alertmanager service)`);
      }
    }
    process.exit(bad === 0 ? 0 : 1);
  '
else
  fail "no configs.json from step 1"
fi

section "3. PrometheusRule: generated from config/prometheus/certwatch-rules.yml, promtool check rules"
if node config/kubernetes/generate-prometheusrule.mjs --stdout >"$OUT/prometheusrule.generated.yaml"; then
  if diff -u config/kubernetes/prometheusrule.yaml "$OUT/prometheusrule.generated.yaml" >"$OUT/prometheusrule.diff"; then
    pass "config/kubernetes/prometheusrule.yaml is up to date (regenerated: no diff)"
  else
    head -n 40 "$OUT/prometheusrule.diff"
    fail "config/kubernetes/prometheusrule.yaml is out of date: run node config/kubernetes/generate-prometheusrule.mjs"
  fi
else
  fail "generate-prometheusrule.mjs failed"
fi
if [[ -s $OUT/prometheusrule-rules.yml ]]; then
  if run promtool check rules "$OUT/prometheusrule-rules.yml"; then pass "promtool check rules on the PrometheusRule's spec"
  else fail "promtool check rules on the PrometheusRule's spec"; fi
else
  fail "no rules extracted from the PrometheusRule"
fi

section "4. compose: promtool check config, amtool check-config"
if [[ -f $OUT/prometheus-config && -f $(cat "$OUT/prometheus-config") ]]; then
  # The file as compose mounts it, next to certwatch-rules.yml as compose mounts that.
  if run promtool check config "$(cat "$OUT/prometheus-config")"; then pass "promtool check config config/compose/prometheus.yml (rule files loaded)"
  else fail "promtool check config config/compose/prometheus.yml"; fi
else
  fail "prometheus config not found as compose mounts it"
fi
if command -v amtool >/dev/null 2>&1; then
  if [[ -f $OUT/alertmanager-config && -f $(cat "$OUT/alertmanager-config") ]]; then
    if run amtool check-config "$(cat "$OUT/alertmanager-config")"; then pass "amtool check-config config/compose/alertmanager.yml"
    else fail "amtool check-config config/compose/alertmanager.yml"; fi
  else
    fail "alertmanager config not found as compose mounts it"
  fi
else
  echo "SKIP amtool check-config: amtool not installed (Debian's prometheus-alertmanager ships it)"
fi

section "5. docker-compose config; kubectl kustomize"
# CLOUDFLARE_API_TOKEN is passed through, not interpolated, so no value is needed here.
if (cd config && run docker-compose -f docker-compose.yml config -q); then pass "docker-compose config -q: config/docker-compose.yml is a valid compose file"
else fail "docker-compose config: config/docker-compose.yml"; fi
if command -v kubectl >/dev/null 2>&1; then
  if kinds=$(kubectl kustomize config/kubernetes | sed -n 's/^kind: //p' | sort | tr '\n' ' '); then
    want="ConfigMap Deployment PersistentVolumeClaim PrometheusRule Service ServiceMonitor "
    if [[ $kinds == "$want" ]]; then pass "kubectl kustomize config/kubernetes renders: $kinds"
    else fail "kubectl kustomize config/kubernetes renders [$kinds], want [$want]"; fi
  else
    fail "kubectl kustomize config/kubernetes"
  fi
else
  echo "SKIP kubectl kustomize: kubectl not installed (check-manifests.mjs checked the resource list)"
fi

section "summary"
echo "deployment-check: $PASSED passed, $FAILED failed"
((FAILED == 0))
