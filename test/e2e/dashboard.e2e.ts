// The Grafana dashboard (config/grafana/certwatch-dashboard.json) against a real Prometheus
// (Debian's `prometheus`) scraping the real demo (`npm run demo`: simulator + certwatch):
// every panel query must parse and return data, so a renamed metric or label, or a PromQL
// typo, fails here instead of showing "No data" in someone's Grafana.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../helpers/free-port.js";
import { substituteVariables } from "../../scripts/grafana-template.js";
import { assertPortFree } from "../helpers/free-port.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DASHBOARD_PATH = join(ROOT, "config/grafana/certwatch-dashboard.json");
const PROMETHEUS = process.env.PROMETHEUS_BIN ?? "/usr/bin/prometheus";
/** Fixed by config/demo.yaml (server.listen). */
const DEMO_ADDRESS = { host: "127.0.0.1", port: 9798 };
const DEMO_URL = `http://${DEMO_ADDRESS.host}:${DEMO_ADDRESS.port}`;


interface Target {
  refId: string;
  expr: string;
  legendFormat?: string;
}
interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type?: string; uid?: string };
  targets?: Target[];
  transformations?: Array<{ id: string; options?: { indexByName?: Record<string, number> } }>;
}
interface TemplateVariable {
  name: string;
  type: string;
  query: string | { query: string };
}
interface Dashboard {
  schemaVersion: number;
  panels: Panel[];
  templating: { list: TemplateVariable[] };
}
interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

const dashboard = JSON.parse(readFileSync(DASHBOARD_PATH, "utf8")) as Dashboard;
const targets = dashboard.panels.flatMap((panel) =>
  (panel.targets ?? []).map((target) => ({ panel, target, name: `panel ${panel.id} "${panel.title}" target ${target.refId}` })),
);


/** Keeps the last few KB a child wrote, to explain a failure. */
function tail(child: ChildProcess): () => string {
  let text = "";
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-6000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return () => text;
}

/**
 * Polls `check` until it returns a value other than undefined. Errors from `check` count as "not
 * yet"; `abort` (a child that died) ends the wait at once with its message.
 */
async function until<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>, abort?: () => string | null): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  for (;;) {
    const reason = abort?.();
    if (reason) throw new Error(`${what}: ${reason}`);
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${last})` : ""}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

let demo: ChildProcess | undefined;
let demoOutput = () => "";
let prometheus: ChildProcess | undefined;
let prometheusOutput = () => "";
let promUrl = "";
let workDir = "";

function died(child: ChildProcess | undefined, name: string, output: () => string): () => string | null {
  return () => (child && (child.exitCode !== null || child.signalCode !== null) ? `${name} exited (${child.exitCode ?? child.signalCode}); its output:\n${output()}` : null);
}

/** Runs an instant query; throws unless Prometheus answers status "success". */
async function query(expr: string): Promise<PromSample[]> {
  const res = await request(`${promUrl}/api/v1/query`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ query: expr }).toString(),
  });
  const body = (await res.body.json()) as { status: string; error?: string; data?: { resultType: string; result: PromSample[] } };
  if (res.statusCode !== 200 || body.status !== "success") {
    throw new QueryError(`Prometheus rejected the query (HTTP ${res.statusCode}, status ${body.status}): ${body.error ?? ""}\n  ${expr}`);
  }
  if (body.data?.resultType !== "vector") throw new QueryError(`expected an instant vector, got ${body.data?.resultType}: ${expr}`);
  return body.data.result;
}

/** A query Prometheus refuses: no point polling again. */
class QueryError extends Error {}

/** Polls until the query returns at least one series (counters need two scrapes for rate/increase). */
async function nonEmpty(expr: string, timeoutMs = 10_000): Promise<PromSample[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await query(expr);
    if (result.length > 0) return result;
    if (Date.now() >= deadline) throw new Error(`no series after ${timeoutMs} ms for: ${expr}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  if (!existsSync(PROMETHEUS)) throw new Error(`${PROMETHEUS} not found: install Debian's prometheus (apt-get install -y prometheus) or set PROMETHEUS_BIN`);
  await assertPortFree(DEMO_ADDRESS.host, DEMO_ADDRESS.port);

  demo = spawn(process.execPath, ["--import", "tsx", "dev/demo/main.ts"], { cwd: ROOT, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
  demoOutput = tail(demo);

  workDir = mkdtempSync(join(tmpdir(), "certwatch-dashboard-"));
  const port = await freePort();
  promUrl = `http://127.0.0.1:${port}`;
  const configFile = join(workDir, "prometheus.yml");
  writeFileSync(
    configFile,
    [
      "global:",
      "  scrape_interval: 1s",
      "  scrape_timeout: 1s",
      "scrape_configs:",
      "  - job_name: certwatch",
      "    scrape_interval: 1s",
      "    scrape_timeout: 1s",
      "    static_configs:",
      `      - targets: ["${DEMO_ADDRESS.host}:${DEMO_ADDRESS.port}"]`,
      "",
    ].join("\n"),
  );
  // Started alongside the demo: it scrapes 127.0.0.1:9798 as soon as the demo listens.
  prometheus = spawn(
    PROMETHEUS,
    [`--config.file=${configFile}`, `--storage.tsdb.path=${join(workDir, "data")}`, `--web.listen-address=127.0.0.1:${port}`],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  prometheusOutput = tail(prometheus);

  const demoDied = died(demo, "the demo", demoOutput);
  const promDied = died(prometheus, "prometheus", prometheusOutput);
  await until("the demo's /readyz", 30_000, async () => ((await request(`${DEMO_URL}/readyz`)).statusCode === 200 ? true : undefined), demoDied);
  await until("Prometheus /-/ready", 20_000, async () => ((await request(`${promUrl}/-/ready`)).statusCode === 200 ? true : undefined), promDied);
  // The first scrape's samples; never a fixed sleep.
  await until("the first certwatch samples in Prometheus", 30_000, async () => {
    const result = await query('certwatch_build_info{job="certwatch"}');
    return result.length > 0 ? true : undefined;
  }, () => demoDied() ?? promDied());
});

afterAll(async () => {
  await Promise.all([stop(demo), stop(prometheus)]);
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe("the Grafana dashboard", () => {
  it("is a schemaVersion 39 dashboard whose panels each have a unique id and at least one query", () => {
    expect(dashboard.schemaVersion).toBe(39);
    expect(dashboard.panels.length).toBeGreaterThan(0);
    const ids = dashboard.panels.map((p) => p.id);
    expect(ids.every((id) => Number.isInteger(id))).toBe(true);
    expect(new Set(ids).size, `duplicate panel ids in ${JSON.stringify(ids)}`).toBe(ids.length);
    for (const panel of dashboard.panels) {
      expect(panel.targets?.length ?? 0, `panel ${panel.id} "${panel.title}" has no targets`).toBeGreaterThan(0);
      expect(panel.datasource?.uid, `panel ${panel.id} "${panel.title}" datasource`).toBe("${datasource}");
      for (const target of panel.targets ?? []) expect(target.expr.trim(), `panel ${panel.id} target ${target.refId}`).not.toBe("");
    }
  });

  it("has a prometheus datasource variable and zone/source variables that resolve against the demo", async () => {
    const vars = new Map(dashboard.templating.list.map((v) => [v.name, v]));
    expect(vars.get("datasource")).toMatchObject({ type: "datasource", query: "prometheus" });
    for (const name of ["zone", "source"]) {
      const variable = vars.get(name);
      expect(variable?.type, `variable ${name}`).toBe("query");
      const text = typeof variable!.query === "string" ? variable!.query : variable!.query.query;
      const match = /^label_values\((.+),\s*(\w+)\)$/.exec(text.trim());
      expect(match, `variable ${name}: expected label_values(<selector>, <label>), got ${text}`).not.toBeNull();
      const [, selector, label] = match!;
      const values = (await nonEmpty(`group by (${label}) (${substituteVariables(selector!)})`)).map((s) => s.metric[label!]);
      expect(values.every((v) => typeof v === "string" && v !== ""), `variable ${name} values ${JSON.stringify(values)}`).toBe(true);
    }
  });

  for (const { panel, target, name } of targets) it(`${name} returns data from Prometheus`, async () => {
    const expr = substituteVariables(target.expr);
    expect(expr).not.toContain("$");
    const result = await nonEmpty(expr);

    // `or vector(0)` always answers, so also check the metrics themselves have series.
    for (const metric of new Set(expr.match(/\bcertwatch_[a-z0-9_]+\b/g) ?? [])) {
      expect((await query(`count(${metric})`)).length, `${metric} (used by ${panel.title}) has no series`).toBeGreaterThan(0);
    }
    // Every label the legend names is on every series (a misspelt `by (...)` label would be blank).
    for (const [, label] of (target.legendFormat ?? "").matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
      for (const sample of result) expect(sample.metric, `legend label ${label} in ${JSON.stringify(sample.metric)}`).toHaveProperty(label!);
    }
  });

  it("gives the table panels every label column their transformations lay out", async () => {
    for (const panel of dashboard.panels.filter((p) => p.type === "table")) {
      const seen = new Set<string>();
      for (const target of panel.targets ?? []) for (const sample of await nonEmpty(substituteVariables(target.expr))) for (const k of Object.keys(sample.metric)) seen.add(k);
      const columns = panel.transformations?.find((t) => t.id === "organize")?.options?.indexByName ?? {};
      const labels = Object.keys(columns).filter((c) => c !== "Time" && !c.startsWith("Value"));
      expect(labels.length, `panel ${panel.id} organize columns`).toBeGreaterThan(0);
      for (const label of labels) expect([...seen], `panel ${panel.id} "${panel.title}" column ${label}`).toContain(label);
    }
  });
});
