// A real Prometheus (Debian's `prometheus`) scraping the real certwatch CLI over TLS with basic
// auth, read from a web config file (exporter-toolkit format): one job with the right password
// is up and its samples arrive, negotiated as OpenMetrics; one with a wrong password is down
// with a 401. The simulator stands in for Cloudflare.
import bcrypt from "bcryptjs";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Agent, request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildState } from "../../dev/simulator/scenario.js";
import { demoScenario, DEMO_ZONE_IDS } from "../../dev/simulator/demo-scenario.js";
import { startSimulator, type Simulator } from "../../dev/simulator/server.js";
import { freePort } from "../helpers/free-port.js";
import { spawnCertwatch, type SpawnedDaemon } from "../helpers/spawn-daemon.js";
import { makeTlsFixtures, type TlsFixtures } from "../helpers/tls-fixtures.js";

const PROMETHEUS = process.env.PROMETHEUS_BIN ?? "/usr/bin/prometheus";
const TOKEN = "web-config-e2e-token-3f9a";
const PASSWORD = "scrape-secret-51c2";
const PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

interface ActiveTarget {
  labels: Record<string, string>;
  health: "up" | "down" | "unknown";
  lastError: string;
}

let tls: TlsFixtures;
let simulator: Simulator | undefined;
let certwatch: SpawnedDaemon | undefined;
let prometheus: ChildProcess | undefined;
let prometheusOutput = "";
let certwatchUrl = "";
let promUrl = "";
let https: Agent;

/** Polls `check` until it returns a value; errors count as "not yet". Never a fixed sleep. */
async function until<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  for (;;) {
    if (certwatch && certwatch.child.exitCode !== null) throw new Error(`${what}: certwatch exited (${certwatch.child.exitCode}):\n${certwatch.stderr()}`);
    if (prometheus && prometheus.exitCode !== null) throw new Error(`${what}: prometheus exited (${prometheus.exitCode}):\n${prometheusOutput}`);
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

async function promApi<T>(path: string): Promise<T> {
  const res = await request(`${promUrl}${path}`);
  const body = (await res.body.json()) as { status: string; data: T };
  if (body.status !== "success") throw new Error(`${path}: ${JSON.stringify(body)}`);
  return body.data;
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

beforeAll(async () => {
  if (!existsSync(PROMETHEUS)) throw new Error(`${PROMETHEUS} not found: install Debian's prometheus (apt-get install -y prometheus) or set PROMETHEUS_BIN`);
  tls = await makeTlsFixtures();
  simulator = await startSimulator({ state: await buildState(demoScenario()), apiToken: TOKEN });
  const port = await freePort();
  certwatchUrl = `https://127.0.0.1:${port}`;
  writeFileSync(
    join(tls.dir, "web.yml"),
    ["tls_server_config:", "  cert_file: server.crt", "  key_file: server.key", "basic_auth_users:", `  prometheus: ${bcrypt.hashSync(PASSWORD, 8)}`, ""].join("\n"),
  );
  writeFileSync(
    join(tls.dir, "certwatch.yaml"),
    [
      "cloudflare:",
      `  base_url: ${simulator.baseUrl}`,
      "zones:",
      `  - { id: ${DEMO_ZONE_IDS.exampleCom} }`,
      `server: { listen: "127.0.0.1:${port}", web_config_file: web.yml }`,
      "log: { level: warn }",
      `state_dir: ${join(tls.dir, "state")}`,
      "",
    ].join("\n"),
  );
  certwatch = spawnCertwatch(["--config", join(tls.dir, "certwatch.yaml")], { CLOUDFLARE_API_TOKEN: TOKEN });
  https = new Agent({ connect: { ca: tls.caPem, servername: "localhost" } });

  const promPort = await freePort();
  promUrl = `http://127.0.0.1:${promPort}`;
  const job = (name: string, password: string) => [
    `  - job_name: ${name}`,
    "    scheme: https",
    "    tls_config:",
    `      ca_file: ${join(tls.dir, "ca.pem")}`,
    "      server_name: localhost",
    "    basic_auth:",
    "      username: prometheus",
    `      password: ${password}`,
    "    static_configs:",
    `      - targets: ["127.0.0.1:${port}"]`,
  ];
  writeFileSync(
    join(tls.dir, "prometheus.yml"),
    ["global:", "  scrape_interval: 1s", "  scrape_timeout: 1s", "scrape_configs:", ...job("certwatch", PASSWORD), ...job("certwatch-wrong-password", "not-the-password"), ""].join("\n"),
  );
  prometheus = spawn(
    PROMETHEUS,
    [`--config.file=${join(tls.dir, "prometheus.yml")}`, `--storage.tsdb.path=${join(tls.dir, "prom-data")}`, `--web.listen-address=127.0.0.1:${promPort}`],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const keep = (chunk: Buffer) => (prometheusOutput = (prometheusOutput + chunk.toString()).slice(-6000));
  prometheus.stdout?.on("data", keep);
  prometheus.stderr?.on("data", keep);

  await until("certwatch's /readyz over TLS", 30_000, async () => ((await request(`${certwatchUrl}/readyz`, { dispatcher: https })).statusCode === 200 ? true : undefined));
  await until("Prometheus /-/ready", 20_000, async () => ((await request(`${promUrl}/-/ready`)).statusCode === 200 ? true : undefined));
});

afterAll(async () => {
  await Promise.all([stop(certwatch?.child), stop(prometheus)]);
  await https?.close();
  await simulator?.close();
  if (tls?.dir) rmSync(tls.dir, { recursive: true, force: true });
});

describe("Prometheus scraping certwatch over TLS with basic auth", () => {
  it("marks the job with the right password up and the one with a wrong password down (401)", async () => {
    const targets = await until("both targets scraped", 30_000, async () => {
      const { activeTargets } = await promApi<{ activeTargets: ActiveTarget[] }>("/api/v1/targets?state=active");
      const byJob = new Map(activeTargets.map((t) => [t.labels.job, t]));
      const good = byJob.get("certwatch");
      const bad = byJob.get("certwatch-wrong-password");
      return good && bad && good.health !== "unknown" && bad.health !== "unknown" ? { good, bad } : undefined;
    });
    expect(targets.good, targets.good.lastError).toMatchObject({ health: "up", lastError: "" });
    expect(targets.bad.health).toBe("down");
    expect(targets.bad.lastError).toContain("401");
  });

  it("stores the samples, read as OpenMetrics (counter families named without _total)", async () => {
    const result = await until("certwatch certificate samples in Prometheus", 30_000, async () => {
      const data = await promApi<{ result: unknown[] }>(`/api/v1/query?query=${encodeURIComponent('certwatch_cert_expiry_timestamp_seconds{job="certwatch"}')}`);
      return data.result.length > 0 ? data.result : undefined;
    });
    expect(result.length).toBeGreaterThan(0);
    const cycles = await promApi<{ result: unknown[] }>(`/api/v1/query?query=${encodeURIComponent('certwatch_poll_cycles_total{job="certwatch"}')}`);
    expect(cycles.result).toHaveLength(1);
    // The metadata Prometheus keeps is named after the TYPE line: the OpenMetrics family name.
    const metadata = await promApi<Array<{ metric: string; type: string }>>(`/api/v1/targets/metadata?match_target=${encodeURIComponent('{job="certwatch"}')}`);
    expect(metadata).toContainEqual(expect.objectContaining({ metric: "certwatch_poll_cycles", type: "counter" }));
    expect(metadata.map((m) => m.metric)).not.toContain("certwatch_poll_cycles_total");
  });

  it("answers a direct request: 401 without the password, OpenMetrics with it, probes open", async () => {
    const denied = await request(`${certwatchUrl}/metrics`, { dispatcher: https, headers: { authorization: `Basic ${Buffer.from("prometheus:nope").toString("base64")}` } });
    await denied.body.text();
    expect(denied.statusCode).toBe(401);
    expect(denied.headers["www-authenticate"]).toBe('Basic realm="certwatch"');
    const allowed = await request(`${certwatchUrl}/metrics`, {
      dispatcher: https,
      headers: { accept: PROMETHEUS_ACCEPT, authorization: `Basic ${Buffer.from(`prometheus:${PASSWORD}`).toString("base64")}` },
    });
    expect(allowed.headers["content-type"]).toBe("application/openmetrics-text; version=1.0.0; charset=utf-8");
    expect((await allowed.body.text()).endsWith("# EOF\n")).toBe(true);
    const health = await request(`${certwatchUrl}/healthz`, { dispatcher: https });
    expect(health.statusCode).toBe(200);
    await health.body.text();
  });

  it("refuses to start with a bad --web.config.file (it wins over the key), exit code 2", async () => {
    writeFileSync(join(tls.dir, "bad-web.yml"), "basic_auth_users:\n  prometheus: plaintext-password\n");
    const run = spawnCertwatch(["--config", join(tls.dir, "certwatch.yaml"), "--web.config.file", join(tls.dir, "bad-web.yml")], { CLOUDFLARE_API_TOKEN: TOKEN });
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain(`${join(tls.dir, "bad-web.yml")}: basic_auth_users.prometheus: expected a bcrypt hash`);
    expect(run.stderr()).not.toContain("plaintext-password");
  });
});
