#!/usr/bin/env node
// Static checks of the deployment files, run by .ci/deployment-check.sh:
//   node test/deployment/check-manifests.mjs OUT_DIR
//
// Parses every YAML file under config/kubernetes and config/compose, config/docker-compose.yml and
// .github/workflows (all documents), checks the fields the deployment depends on (and what the
// release workflow must do, beyond actionlint's syntax checks), and writes into OUT_DIR what the
// shell script checks next with the real tools:
//   configs.json               certwatch configs to load with certwatch's own loader: the file,
//                              the env var names the deployment gives the process, expectations
//   k8s-certwatch.yaml         the ConfigMap's certwatch.yaml
//   compose-certwatch.yaml     the file compose mounts as certwatch's config
//   prometheusrule-rules.yml   the PrometheusRule's spec, as a Prometheus rules file
//   root-prometheus/...        Prometheus's filesystem as compose mounts it (config + rules)
//   root-alertmanager/...      the same for Alertmanager
//   prometheus-config, alertmanager-config   the --config.file of each, inside those roots
// Prints PASS/FAIL per check; exits 1 if any failed.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const OUT = process.argv[2];
if (!OUT) {
  console.error("usage: check-manifests.mjs OUT_DIR");
  process.exit(2);
}
mkdirSync(OUT, { recursive: true });

const K8S_DIR = join(ROOT, "config", "kubernetes");
const COMPOSE_FILE = join(ROOT, "config", "docker-compose.yml");
const COMPOSE_DIR = join(ROOT, "config", "compose");
const RULES_FILE = join(ROOT, "config", "prometheus", "certwatch-rules.yml");
const WORKFLOWS_DIR = join(ROOT, ".github", "workflows");
const DOCKERFILE = join(ROOT, "Dockerfile");
const CONFIG_IN_IMAGE = "/etc/certwatch/certwatch.yaml";
const STATE_DIR_IN_IMAGE = "/app/data";
const PORT = 9798;
const TOKEN_ENV = "CLOUDFLARE_API_TOKEN";

let passed = 0;
let failed = 0;
const rel = (p) => relative(ROOT, p);
function check(cond, what, detail = "") {
  if (cond) {
    passed++;
    console.log(`PASS ${what}`);
  } else {
    failed++;
    console.log(`FAIL ${what}${detail ? `: ${detail}` : ""}`);
  }
  return Boolean(cond);
}
const show = (v) => JSON.stringify(v);
const get = (obj, path) => path.split(".").reduce((o, k) => (o == null ? undefined : o[k]), obj);

// ---- 1. every YAML file parses ---------------------------------------------------------------
function yamlFiles(dir) {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...yamlFiles(path));
    else if (/\.ya?ml$/.test(name)) found.push(path);
  }
  return found;
}
const files = [...yamlFiles(K8S_DIR), COMPOSE_FILE, ...yamlFiles(COMPOSE_DIR), ...(existsSync(WORKFLOWS_DIR) ? yamlFiles(WORKFLOWS_DIR) : [])];
/** path -> parsed documents (plain JS) */
const parsed = new Map();
for (const file of files) {
  const docs = YAML.parseAllDocuments(readFileSync(file, "utf8"), { prettyErrors: true, strict: true, uniqueKeys: true });
  const problems = (Array.isArray(docs) ? docs : [docs]).flatMap((d) => [...d.errors, ...d.warnings]);
  const values = problems.length === 0 ? docs.map((d) => d.toJS()).filter((v) => v != null) : [];
  check(problems.length === 0 && values.length > 0, `yaml: ${rel(file)} parses (${values.length} document(s))`, problems.map((p) => p.message).join("; ") || "empty");
  parsed.set(file, values);
}
const one = (file) => parsed.get(file)?.[0] ?? {};

// ---- 2. Kubernetes ---------------------------------------------------------------------------
const objects = [];
for (const [file, docs] of parsed) {
  if (!file.startsWith(K8S_DIR + "/") || file.endsWith("kustomization.yaml")) continue;
  for (const doc of docs) {
    objects.push({ file, doc });
    const id = `${doc.kind}/${doc.metadata?.name}`;
    check(doc.apiVersion && doc.kind && doc.metadata?.name, `k8s: ${rel(file)}: ${id} has apiVersion, kind, metadata.name`);
    check(doc.metadata?.namespace === undefined, `k8s: ${id} is namespace-agnostic (no metadata.namespace)`);
  }
}
const find = (kind) => objects.filter((o) => o.doc.kind === kind);
const only = (kind) => {
  const all = find(kind);
  check(all.length === 1, `k8s: exactly one ${kind}`, `found ${all.length}`);
  return all[0]?.doc ?? {};
};

// kustomization: lists every manifest but the Secret template, and only existing files
const kustomization = one(join(K8S_DIR, "kustomization.yaml"));
const listed = kustomization.resources ?? [];
const manifests = [...new Set(objects.map((o) => relative(K8S_DIR, o.file)))];
const missing = listed.filter((r) => !existsSync(join(K8S_DIR, r)));
check(missing.length === 0, `k8s: kustomization.yaml resources all exist (${listed.length})`, `missing ${show(missing)}`);
const secretFiles = objects.filter((o) => o.doc.kind === "Secret").map((o) => relative(K8S_DIR, o.file));
const unlisted = manifests.filter((m) => !listed.includes(m) && !secretFiles.includes(m));
check(unlisted.length === 0, "k8s: kustomization.yaml lists every manifest except the Secret template", `unlisted ${show(unlisted)}`);
const listedSecrets = secretFiles.filter((f) => listed.includes(f));
check(listedSecrets.length === 0, "k8s: the Secret template is not a kustomize resource (applying it would overwrite the real token)", show(listedSecrets));

const deployment = only("Deployment");
const pod = deployment.spec?.template?.spec ?? {};
const containers = pod.containers ?? [];
check(containers.length === 1, "k8s: Deployment has one container", `found ${containers.length}`);
const c = containers[0] ?? {};
check(deployment.spec?.replicas === 1, "k8s: Deployment replicas is 1", show(deployment.spec?.replicas));
const podLabels = deployment.spec?.template?.metadata?.labels ?? {};
const matches = (selector, labels) => selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);
check(matches(deployment.spec?.selector?.matchLabels, podLabels), "k8s: Deployment selector matches its pod labels");

const sc = c.securityContext ?? {};
const psc = pod.securityContext ?? {};
const effective = (key) => (sc[key] !== undefined ? sc[key] : psc[key]);
check(effective("runAsNonRoot") === true, "k8s: securityContext runAsNonRoot: true", show(effective("runAsNonRoot")));
check(effective("runAsUser") === 1000, "k8s: securityContext runAsUser: 1000 (the image's node user)", show(effective("runAsUser")));
check(sc.readOnlyRootFilesystem === true, "k8s: container readOnlyRootFilesystem: true", show(sc.readOnlyRootFilesystem));
check(sc.allowPrivilegeEscalation === false, "k8s: container allowPrivilegeEscalation: false", show(sc.allowPrivilegeEscalation));
const drops = sc.capabilities?.drop ?? [];
check(drops.includes("ALL") && !(sc.capabilities?.add?.length > 0), "k8s: container capabilities drop [ALL], add none", show(sc.capabilities));
check(get(effective("seccompProfile") ?? {}, "type") === "RuntimeDefault", "k8s: seccompProfile RuntimeDefault", show(effective("seccompProfile")));
check(sc.privileged !== true, "k8s: container not privileged");

// token: from the Secret, never a literal
const env = c.env ?? [];
const tokenEnv = env.find((e) => e.name === TOKEN_ENV);
const ref = tokenEnv?.valueFrom?.secretKeyRef;
check(ref?.name && ref?.key && tokenEnv.value === undefined, `k8s: ${TOKEN_ENV} comes from env.valueFrom.secretKeyRef`, show(tokenEnv));
const literalSecrets = env.filter((e) => e.value !== undefined && /TOKEN|KEY|SECRET|PASSWORD/i.test(e.name));
check(literalSecrets.length === 0, "k8s: no secret-looking env var has a literal value", show(literalSecrets.map((e) => e.name)));
const secret = only("Secret");
check(secret.metadata?.name === ref?.name, `k8s: secretKeyRef names the Secret template's name (${secret.metadata?.name})`, show(ref?.name));
const placeholder = secret.stringData?.[ref?.key];
check(typeof placeholder === "string" && /REPLACE/.test(placeholder) && secret.data === undefined, `k8s: Secret template has stringData.${ref?.key} as a placeholder (no real token, no data)`, show(secret.stringData));

// config: the ConfigMap mounted at /etc/certwatch, holding certwatch.yaml
const configMap = only("ConfigMap");
const volumes = pod.volumes ?? [];
const mounts = c.volumeMounts ?? [];
const mountAt = (path) => mounts.find((m) => m.mountPath === path);
const volumeOf = (mount) => volumes.find((v) => v.name === mount?.name);
const configMount = mountAt(dirname(CONFIG_IN_IMAGE));
const configVolume = volumeOf(configMount);
check(configVolume?.configMap?.name === configMap.metadata?.name, `k8s: ConfigMap ${configMap.metadata?.name} is mounted at ${dirname(CONFIG_IN_IMAGE)}`, show(configVolume));
check(configMount?.readOnly === true, "k8s: the config mount is readOnly");
const items = configVolume?.configMap?.items;
const fileName = CONFIG_IN_IMAGE.split("/").pop();
const keyForFile = items ? items.find((i) => i.path === fileName)?.key : fileName;
const certwatchYaml = configMap.data?.[keyForFile];
check(typeof certwatchYaml === "string", `k8s: the mount puts ConfigMap key ${keyForFile} at ${CONFIG_IN_IMAGE}`);
const args = [...(c.command ?? []), ...(c.args ?? [])];
const configArg = args.indexOf("--config") >= 0 ? args[args.indexOf("--config") + 1] : undefined;
check(configArg === undefined || configArg === CONFIG_IN_IMAGE, `k8s: --config (if given) is ${CONFIG_IN_IMAGE}`, show(configArg));
check(!/\$\{CLOUDFLARE_API_TOKEN\}/.test(certwatchYaml ?? "") && !/^\s*api_(token|key)\s*:/m.test(certwatchYaml ?? ""), "k8s: the ConfigMap's certwatch.yaml sets no credentials (the env fallback supplies the token)");

// state_dir: a PVC at /app/data
const stateVolume = volumeOf(mountAt(STATE_DIR_IN_IMAGE));
const pvc = only("PersistentVolumeClaim");
check(stateVolume?.persistentVolumeClaim?.claimName === pvc.metadata?.name, `k8s: PVC ${pvc.metadata?.name} is mounted at ${STATE_DIR_IN_IMAGE}`, show(stateVolume));
check(mountAt(STATE_DIR_IN_IMAGE)?.readOnly !== true, `k8s: ${STATE_DIR_IN_IMAGE} is writable`);
check(psc.fsGroup === 1000, "k8s: pod fsGroup 1000, so uid 1000 can write the volume", show(psc.fsGroup));
const rwo = (pvc.spec?.accessModes ?? []).includes("ReadWriteOnce");
check(!rwo || deployment.spec?.strategy?.type === "Recreate", "k8s: a ReadWriteOnce state volume goes with strategy Recreate (never two pods on it)", show(deployment.spec?.strategy));
const extraWritable = mounts.filter((m) => m.readOnly !== true && ![STATE_DIR_IN_IMAGE, "/tmp"].includes(m.mountPath));
check(extraWritable.length === 0, "k8s: writable mounts are only /app/data and /tmp", show(extraWritable.map((m) => m.mountPath)));
const tmpVolume = volumeOf(mountAt("/tmp"));
check(tmpVolume?.emptyDir !== undefined, "k8s: /tmp is an emptyDir (the root filesystem is read-only)", show(tmpVolume));

// ports and probes
const ports = c.ports ?? [];
const metricsPort = ports.find((p) => p.containerPort === PORT);
check(metricsPort?.name === "metrics", `k8s: containerPort ${PORT} is named metrics`, show(ports));
const portOf = (p) => (typeof p === "number" ? p : ports.find((x) => x.name === p)?.containerPort);
const probe = (name, path) => {
  const p = c[name]?.httpGet;
  check(p?.path === path && portOf(p?.port) === PORT, `k8s: ${name} GET ${path} on ${PORT}`, show(c[name]));
};
probe("livenessProbe", "/healthz");
probe("readinessProbe", "/readyz");
for (const kind of ["requests", "limits"]) {
  const r = c.resources?.[kind] ?? {};
  check(r.cpu && r.memory, `k8s: resources.${kind} has cpu and memory`, show(r));
}
check(pod.automountServiceAccountToken === false, "k8s: automountServiceAccountToken: false (certwatch never calls the API)");

// Service, ServiceMonitor, PrometheusRule
const service = only("Service");
check(matches(service.spec?.selector, podLabels), "k8s: Service selector matches the pod labels");
const servicePort = (service.spec?.ports ?? []).find((p) => p.name === "metrics");
check(servicePort?.port === PORT && portOf(servicePort?.targetPort ?? servicePort?.port) === PORT, `k8s: Service port ${PORT} named metrics reaches the container's ${PORT}`, show(service.spec?.ports));
const monitor = only("ServiceMonitor");
check(monitor.apiVersion === "monitoring.coreos.com/v1", "k8s: ServiceMonitor is monitoring.coreos.com/v1", show(monitor.apiVersion));
check(matches(monitor.spec?.selector?.matchLabels, service.metadata?.labels), "k8s: ServiceMonitor selects the Service by its labels");
check((monitor.spec?.endpoints ?? []).some((e) => e.port === "metrics" && (e.path ?? "/metrics") === "/metrics"), "k8s: ServiceMonitor scrapes port metrics at /metrics");
// The Operator falls back to the Service name when jobLabel is unset or the Service lacks that label.
const job = (monitor.spec?.jobLabel ? service.metadata?.labels?.[monitor.spec.jobLabel] : undefined) ?? service.metadata?.name;
check(job === "certwatch", 'k8s: the scrape job is "certwatch", as CertwatchDown expects', `job would be ${show(job)}`);
const rule = only("PrometheusRule");
check(rule.apiVersion === "monitoring.coreos.com/v1" && Array.isArray(rule.spec?.groups) && rule.spec.groups.length > 0, "k8s: PrometheusRule is monitoring.coreos.com/v1 with spec.groups");
const rules = YAML.parse(readFileSync(RULES_FILE, "utf8"));
check(JSON.stringify(rule.spec?.groups) === JSON.stringify(rules.groups), `k8s: PrometheusRule spec.groups equal the groups of ${rel(RULES_FILE)}`);
writeFileSync(join(OUT, "prometheusrule-rules.yml"), YAML.stringify(rule.spec ?? {}, { lineWidth: 0 }));
writeFileSync(join(OUT, "k8s-certwatch.yaml"), certwatchYaml ?? "");

// The thresholds certwatch-rules.yml hardcodes (N * 86400): the configs must use the same.
function ruleDays(severity) {
  const r = rules.groups.flatMap((g) => g.rules).find((x) => x.alert === "CertificateExpiringSoon" && x.labels?.severity === severity);
  const days = [...(r?.expr ?? "").matchAll(/(\d+)\s*\*\s*86400/g)].map((m) => Number(m[1]));
  return days.length ? Math.max(...days) : undefined;
}
const thresholds = { warning_days: ruleDays("warning"), critical_days: ruleDays("critical") };
check(thresholds.warning_days && thresholds.critical_days, `rules: thresholds read from ${rel(RULES_FILE)}: ${show(thresholds)}`);

const configs = [
  {
    label: "kubernetes ConfigMap certwatch.yaml",
    file: join(OUT, "k8s-certwatch.yaml"),
    source: `${rel(join(K8S_DIR, "configmap.yaml"))} data.${keyForFile}`,
    env: env.map((e) => e.name),
    expect: { port: PORT, state_dir: STATE_DIR_IN_IMAGE, thresholds, alertmanager_sink_hosts: null },
  },
];

// ---- 3. docker compose -------------------------------------------------------------------------
const compose = one(COMPOSE_FILE);
const services = compose.services ?? {};
for (const name of ["certwatch", "prometheus", "alertmanager"]) check(services[name], `compose: service ${name} exists`);
const cw = services.certwatch ?? {};
const context = typeof cw.build === "string" ? cw.build : cw.build?.context;
const contextDir = context ? resolve(dirname(COMPOSE_FILE), context) : "";
check(contextDir === ROOT && existsSync(join(contextDir, cw.build?.dockerfile ?? "Dockerfile")), "compose: certwatch is built from the repository's Dockerfile (context ..)", show(cw.build));
for (const [name, svc] of Object.entries(services)) {
  check(svc.restart === "unless-stopped", `compose: ${name} restart: unless-stopped`, show(svc.restart));
  const test = svc.healthcheck?.test;
  check(Array.isArray(test) && test.length > 1 && svc.healthcheck?.disable !== true, `compose: ${name} has a healthcheck`, show(svc.healthcheck));
  if (svc.image) {
    const tag = svc.image.split("@")[0].split("/").pop().split(":")[1];
    check(tag !== undefined && /^v?\d+\.\d+\.\d+/.test(tag), `compose: ${name} image ${svc.image} has a pinned version tag`);
  }
  else check(svc.build, `compose: ${name} has an image or a build`);
}
const cwHealth = (cw.healthcheck?.test ?? []).join(" ");
check(cwHealth.includes("/healthz") && cwHealth.includes(String(PORT)), `compose: certwatch healthcheck probes /healthz on ${PORT}`, cwHealth);

// environment: CLOUDFLARE_API_TOKEN passed through, no value in the file
const envEntries = Array.isArray(cw.environment)
  ? cw.environment.map((e) => (e.includes("=") ? [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)] : [e, null]))
  : Object.entries(cw.environment ?? {});
const tokenEntry = envEntries.find(([k]) => k === TOKEN_ENV);
check(tokenEntry && (tokenEntry[1] === null || tokenEntry[1] === "" || /^\$\{CLOUDFLARE_API_TOKEN[^}]*\}$/.test(tokenEntry[1])), `compose: certwatch gets ${TOKEN_ENV} passed through from the environment (no value in the file)`, show(tokenEntry));
check(cw.env_file === undefined, "compose: certwatch reads no env_file (the token is never in a file)");
const literal = envEntries.filter(([k, v]) => /TOKEN|KEY|SECRET|PASSWORD/i.test(k) && v !== null && v !== "" && !/^\$\{/.test(String(v)));
check(literal.length === 0, "compose: no secret-looking variable has a literal value", show(literal.map(([k]) => k)));

/** A service's volumes as { source (absolute, for binds) | volume (named), target, readOnly }. */
function volumesOf(svc) {
  return (svc.volumes ?? []).map((v) => {
    if (typeof v === "object") {
      return v.type === "bind" ? { source: resolve(dirname(COMPOSE_FILE), v.source), target: v.target, readOnly: v.read_only === true } : { volume: v.source, target: v.target, readOnly: v.read_only === true };
    }
    const [src, target, mode = ""] = v.split(":");
    const bind = src.startsWith(".") || src.startsWith("/") || src.startsWith("~");
    return bind ? { source: resolve(dirname(COMPOSE_FILE), src), target, readOnly: mode.split(",").includes("ro") } : { volume: src, target, readOnly: mode.split(",").includes("ro") };
  });
}
const declaredVolumes = Object.keys(compose.volumes ?? {});
for (const [name, svc] of Object.entries(services)) {
  for (const v of volumesOf(svc)) {
    if (v.source) check(existsSync(v.source), `compose: ${name} bind mount ${rel(v.source)} -> ${v.target} exists${v.readOnly ? " (ro)" : ""}`);
    else check(declaredVolumes.includes(v.volume), `compose: ${name} named volume ${v.volume} -> ${v.target} is declared`);
  }
}
const cwVolumes = volumesOf(cw);
const cwConfig = cwVolumes.find((v) => v.target === CONFIG_IN_IMAGE);
check(cwConfig?.source && cwConfig.readOnly, `compose: certwatch config bind-mounted read-only at ${CONFIG_IN_IMAGE}`, show(cwConfig));
const cwState = cwVolumes.find((v) => v.target === STATE_DIR_IN_IMAGE);
check(cwState?.volume && !cwState.readOnly, `compose: a named volume holds certwatch's state_dir ${STATE_DIR_IN_IMAGE}`, show(cwState));
const cwArgs = [].concat(cw.command ?? []);
check(!cwArgs.includes("--config") || cwArgs[cwArgs.indexOf("--config") + 1] === CONFIG_IN_IMAGE, `compose: certwatch --config (if given) is ${CONFIG_IN_IMAGE}`);
const published = (cw.ports ?? []).map(String);
check(published.some((p) => p.endsWith(`:${PORT}`) || p === String(PORT)), `compose: certwatch publishes ${PORT}`, show(published));

// hardening, equivalent to the Deployment's securityContext: read-only root filesystem, no
// capabilities, no privilege gain, /tmp a tmpfs, writable only the state volume and /tmp
check(cw.read_only === true, "compose: certwatch read_only: true (read-only root filesystem)", show(cw.read_only));
const capDrop = [].concat(cw.cap_drop ?? []).map((c) => String(c).toUpperCase());
check(capDrop.includes("ALL") && [].concat(cw.cap_add ?? []).length === 0, "compose: certwatch cap_drop [ALL], no cap_add", show({ cap_drop: cw.cap_drop, cap_add: cw.cap_add }));
const securityOpt = [].concat(cw.security_opt ?? []).map(String);
check(securityOpt.some((o) => /^no-new-privileges(?:[:=]true)?$/.test(o)), "compose: certwatch security_opt no-new-privileges:true", show(cw.security_opt));
check(cw.privileged !== true, "compose: certwatch not privileged");
check(cw.user === undefined || !/^(0|root)(:|$)/.test(String(cw.user)), "compose: certwatch runs as the image's user (uid 1000), not root", show(cw.user));
const tmpfsPaths = [
  ...[].concat(cw.tmpfs ?? []).map((t) => String(t).split(":")[0]),
  ...(cw.volumes ?? []).filter((v) => typeof v === "object" && v.type === "tmpfs").map((v) => v.target),
];
check(tmpfsPaths.includes("/tmp"), "compose: certwatch has a tmpfs at /tmp", show(cw.tmpfs));
const cwWritable = volumesOf(cw).filter((v) => !v.readOnly && v.target !== STATE_DIR_IN_IMAGE && v.target !== "/tmp");
check(cwWritable.length === 0, `compose: certwatch's writable mounts are only ${STATE_DIR_IN_IMAGE} and the /tmp tmpfs`, show(cwWritable.map((v) => v.target)));
if (cwConfig?.source && existsSync(cwConfig.source)) {
  copyFileSync(cwConfig.source, join(OUT, "compose-certwatch.yaml"));
  configs.push({
    label: "compose certwatch config",
    file: join(OUT, "compose-certwatch.yaml"),
    source: rel(cwConfig.source),
    env: envEntries.map(([k]) => k),
    // certwatch's alertmanager sink must point at the stack's Alertmanager service
    expect: { port: PORT, state_dir: STATE_DIR_IN_IMAGE, thresholds, alertmanager_sink_hosts: Object.keys(services).filter((n) => /alertmanager/.test(services[n].image ?? "")) },
  });
}
writeFileSync(join(OUT, "configs.json"), JSON.stringify(configs, null, 2));

/** Rebuilds a service's filesystem from its bind mounts under OUT/root-NAME; returns its --config.file there. */
function rootOf(name, defaultConfig) {
  const svc = services[name] ?? {};
  const root = join(OUT, `root-${name}`);
  for (const v of volumesOf(svc)) {
    if (!v.source || !existsSync(v.source) || statSync(v.source).isDirectory()) continue;
    mkdirSync(dirname(join(root, v.target)), { recursive: true });
    copyFileSync(v.source, join(root, v.target));
  }
  const flag = [].concat(svc.command ?? []).find((a) => String(a).startsWith("--config.file="));
  const configFile = flag ? flag.slice("--config.file=".length) : defaultConfig;
  const there = join(root, configFile);
  check(existsSync(there), `compose: ${name} --config.file ${configFile} is a mounted file`);
  writeFileSync(join(OUT, `${name}-config`), there);
  return { root, there };
}
const prom = rootOf("prometheus", "/etc/prometheus/prometheus.yml");
rootOf("alertmanager", "/etc/alertmanager/alertmanager.yml");

// prometheus.yml: job certwatch scraping certwatch:9798, the rules loaded, alerts to alertmanager
const promConfig = existsSync(prom.there) ? YAML.parse(readFileSync(prom.there, "utf8")) : {};
const jobs = promConfig.scrape_configs ?? [];
const certwatchJob = jobs.find((j) => j.job_name === "certwatch");
const targets = (certwatchJob?.static_configs ?? []).flatMap((s) => s.targets ?? []);
check(targets.includes(`certwatch:${PORT}`), `prometheus.yml: job "certwatch" scrapes certwatch:${PORT}`, show(targets));
check((certwatchJob?.metrics_path ?? "/metrics") === "/metrics", "prometheus.yml: job certwatch scrapes /metrics");
const ruleFiles = (promConfig.rule_files ?? []).map((f) => resolve(dirname(prom.there), f));
const loadsRules = ruleFiles.some((f) => existsSync(f) && readFileSync(f, "utf8") === readFileSync(RULES_FILE, "utf8"));
check(loadsRules, `prometheus.yml: rule_files load ${rel(RULES_FILE)} as mounted`, show(promConfig.rule_files));
const amTargets = (promConfig.alerting?.alertmanagers ?? []).flatMap((a) => (a.static_configs ?? []).flatMap((s) => s.targets ?? []));
check(amTargets.includes("alertmanager:9093"), "prometheus.yml: alerts go to alertmanager:9093", show(amTargets));
check(promConfig.global?.external_labels === undefined, "prometheus.yml: no external_labels (alerts keep the labels certwatch's sink sends)");
const promState = volumesOf(services.prometheus ?? {}).find((v) => v.target === "/prometheus");
check(promState?.volume, "compose: a named volume holds Prometheus's data (/prometheus)", show(promState));

// ---- 4. GitHub workflows (actionlint checks their syntax and expressions: npm run lint:workflows) ----
const workflows = [...parsed].filter(([file]) => file.startsWith(WORKFLOWS_DIR + "/")).map(([file, docs]) => ({ file, wf: docs[0] ?? {} }));
const steps = (wf) => Object.values(wf.jobs ?? {}).flatMap((j) => j.steps ?? []);
const triggers = (wf) => (typeof wf.on === "string" ? { [wf.on]: {} } : Array.isArray(wf.on) ? Object.fromEntries(wf.on.map((e) => [e, {}])) : (wf.on ?? {}));
const ci = workflows.find(({ wf }) => steps(wf).some((st) => /(^|\s)(bash\s+)?\.ci\/run(\s|$)/.test(st.run ?? "")));
check(ci, "workflows: a workflow runs .ci/run", show(workflows.map((w) => rel(w.file))));
const ciOn = triggers(ci?.wf ?? {});
check("push" in ciOn && "pull_request" in ciOn, `workflows: ${ci ? rel(ci.file) : "CI"} runs on push and pull_request`, show(Object.keys(ciOn)));

const release = workflows.find(({ wf }) => steps(wf).some((st) => /^docker\/build-push-action@/.test(st.uses ?? "")));
check(release, "workflows: a workflow builds the image (docker/build-push-action)");
const releaseTags = [].concat(triggers(release?.wf ?? {}).push?.tags ?? []);
check(releaseTags.some((t) => /^v/.test(t)), `workflows: ${release ? rel(release.file) : "release"} runs on pushed tags v*`, show(releaseTags));
const [imageJobName, imageJob] = Object.entries(release?.wf.jobs ?? {}).find(([, j]) => (j.steps ?? []).some((st) => /^docker\/build-push-action@/.test(st.uses ?? ""))) ?? [];
const build = (imageJob?.steps ?? []).find((st) => /^docker\/build-push-action@/.test(st.uses ?? ""))?.with ?? {};
const platforms = String(build.platforms ?? "").split(/[\s,]+/).filter(Boolean);
check(platforms.includes("linux/amd64") && platforms.includes("linux/arm64"), "workflows: the image is built for linux/amd64 and linux/arm64", show(build.platforms));
check(build.push === true || build.push === "true", "workflows: the image is pushed", show(build.push));
check(build.provenance !== undefined && !/^(false)$/.test(String(build.provenance)), "workflows: build provenance attestation (provenance:)", show(build.provenance));
check(build.sbom === true || build.sbom === "true", "workflows: SBOM attestation (sbom: true)", show(build.sbom));
const buildArgs = String(build["build-args"] ?? "").split("\n").map((l) => l.trim()).filter(Boolean);
const revisionArg = buildArgs.find((a) => a.startsWith("REVISION="));
check(/github\.sha/.test(revisionArg ?? ""), "workflows: the build passes the commit as build arg REVISION", show(build["build-args"]));
const dockerfileArgs = existsSync(DOCKERFILE) ? [...readFileSync(DOCKERFILE, "utf8").matchAll(/^\s*ARG\s+([A-Za-z_][A-Za-z0-9_]*)/gm)].map((m) => m[1]) : [];
check(!revisionArg || dockerfileArgs.includes("REVISION"), "workflows: the Dockerfile declares ARG REVISION (else the build arg is ignored)", show(dockerfileArgs));
const perms = imageJob?.permissions ?? release?.wf.permissions ?? {};
const wantPerms = { contents: "read", packages: "write", "id-token": "write", attestations: "write" };
check(Object.entries(wantPerms).every(([k, v]) => perms[k] === v), `workflows: job ${imageJobName} permissions ${show(wantPerms)}`, show(perms));
const neededJobs = [].concat(imageJob?.needs ?? []);
const gatedOnCi = neededJobs.some((n) => {
  const job = release?.wf.jobs?.[n] ?? {};
  return (ci && job.uses === `./${relative(ROOT, ci.file)}`) || (job.steps ?? []).some((st) => /\.ci\/run/.test(st.run ?? ""));
});
check(gatedOnCi, `workflows: job ${imageJobName} needs a job that runs CI (.ci/run) on the tagged commit`, show(neededJobs));

console.log(`\ncheck-manifests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
