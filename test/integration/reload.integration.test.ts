import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { startDaemon, type Daemon } from "../../src/daemon.js";
import { createLogger } from "../../src/log/logger.js";
import { buildState, type Scenario } from "../../dev/simulator/scenario.js";
import { startSimulator, type Simulator } from "../../dev/simulator/server.js";
import { parseExposition, select, valueOf } from "../helpers/exposition.js";
import { LogCapture } from "../helpers/harness.js";
import { spawnCertwatch, waitFor } from "../helpers/spawn-daemon.js";

const TOKEN = "reload-token-4f1d8a2c";
const [A, B, C] = ["a1".repeat(16), "b2".repeat(16), "c3".repeat(16)];
const scenario: Scenario = {
  zones: [A, B, C].map((id, i) => ({ id, name: `z${i}.test`, trustStore: [{ id: `ca-${i}`, cn: `Root ${i}`, daysLeft: 400 }] })),
};
const only = ["trust_store"];
const dir = mkdtempSync(join(tmpdir(), "certwatch-reload-"));
const env = { CLOUDFLARE_API_TOKEN: TOKEN };
let simulator: Simulator;

function configText(zones: string[], extra: string[] = [], listen = "127.0.0.1:0"): string {
  return [
    "cloudflare:",
    `  base_url: ${simulator.baseUrl}`,
    "zones:",
    ...zones.map((id) => `  - { id: ${id}, sources: [${only.join(", ")}] }`),
    'schedule: "0 0 1 1 *"',
    `server: { listen: "${listen}" }`,
    `state_dir: ${join(dir, "state")}`,
    ...extra,
  ].join("\n");
}

const zonesIn = async (url: string) =>
  select(parseExposition(await (await request(`${url}/metrics`)).body.text()), "certwatch_source_up").map((s) => s.labels.zone_id).sort();

beforeAll(async () => {
  simulator = await startSimulator({ state: await buildState(scenario), apiToken: TOKEN });
});
afterAll(async () => simulator.close());

describe("reloading the configuration", () => {
  let daemon: Daemon;
  const file = join(dir, "in-process.yaml");
  const logs = new LogCapture();

  beforeAll(async () => {
    writeFileSync(file, configText([A, B]));
    daemon = await startDaemon(loadConfig(file, env), { logger: createLogger({ level: "info", format: "json", secrets: [TOKEN], destination: logs }), env });
    await daemon.firstCycle;
  });
  afterAll(async () => daemon.stop(1_000));

  it("drops removed zones from /metrics at once and polls added ones at the next cycle", async () => {
    expect(await zonesIn(daemon.url)).toEqual([A, B]);
    simulator.injectFault({ zoneId: B, status: 403 });
    await daemon.pollNow();
    const errors = () => request(`${daemon.url}/metrics`).then(async (r) => select(parseExposition(await r.body.text()), "certwatch_source_errors_total", { zone_id: B }));
    // The transient reasons are there at 0 from the first poll; what happened is the one counted.
    expect((await errors()).filter((s) => s.value > 0).map((s) => `${s.labels.reason}=${s.value}`)).toEqual(["forbidden=1"]);
    writeFileSync(file, configText([A, C]));
    const response = await request(`${daemon.url}/-/reload`, { method: "POST" });
    expect(response.statusCode).toBe(200);
    expect(await response.body.text()).toBe("configuration reloaded\n");
    expect(await zonesIn(daemon.url)).toEqual([A]);
    expect(await errors()).toEqual([]);
    await daemon.pollNow();
    expect(await zonesIn(daemon.url)).toEqual([A, C]);
    expect(logs.entries().some((e) => e.msg === "configuration reloaded" && JSON.stringify(e.zones_removed) === JSON.stringify([B]))).toBe(true);
  });

  it("rejects a bad file with the same errors as at start, and keeps running on the old one", async () => {
    writeFileSync(file, `${configText([A, C])}\ncolour: blue\nthresholds: { warning_days: 3, critical_days: 9 }\n`);
    const response = await request(`${daemon.url}/-/reload`, { method: "POST" });
    expect(response.statusCode).toBe(400);
    const body = await response.body.text();
    expect(body).toContain(`${file}: colour: expected one of`);
    expect(body).toContain(`${file}: thresholds.critical_days: expected fewer days than warning_days (3), found 9`);
    await daemon.pollNow();
    const samples = parseExposition(await (await request(`${daemon.url}/metrics`)).body.text());
    expect(select(samples, "certwatch_source_up").map((s) => s.labels.zone_id).sort()).toEqual([A, C]);
    expect(valueOf(samples, "certwatch_config_reloads_total", { outcome: "failure" })).toBe(1);
    expect(valueOf(samples, "certwatch_config_reloads_total", { outcome: "success" })).toBe(1);
    expect((await request(`${daemon.url}/-/reload`)).statusCode).toBe(405);
  });

  it("drops a source taken out of a zone's sources from /metrics at once", async () => {
    writeFileSync(file, configText([A, C]).replace(`{ id: ${C}, sources: [trust_store] }`, `{ id: ${C}, sources: [certificate_pack] }`));
    expect((await daemon.reload()).ok).toBe(true);
    const samples = parseExposition(await (await request(`${daemon.url}/metrics`)).body.text());
    expect(select(samples, "certwatch_source_up", { zone_id: C })).toEqual([]);
    await daemon.pollNow();
    const after = parseExposition(await (await request(`${daemon.url}/metrics`)).body.text());
    expect(select(after, "certwatch_source_up", { zone_id: C }).map((s) => s.labels.source)).toEqual(["certificate_pack"]);
  });

  it("says which changed settings need a restart", async () => {
    writeFileSync(file, configText([A, C], [], "127.0.0.1:1"));
    const response = await request(`${daemon.url}/-/reload`, { method: "POST" });
    expect(await response.body.text()).toBe("configuration reloaded\nchanged but only applied after a restart: server.listen\n");
  });
});

describe("SIGHUP", () => {
  it("reloads the running daemon's configuration", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const file = join(dir, "cli.yaml");
    writeFileSync(file, configText([A], ['log: { level: info, format: json }'], `127.0.0.1:${port}`).replace('"0 0 1 1 *"', '"*/1 * * * * *"'));
    const child = spawnCertwatch(["--config", file], env);
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitFor(async () => (await zonesIn(url)).length === 1, 25_000, "the first cycle");
      writeFileSync(file, configText([A, B], ['log: { level: info, format: json }'], `127.0.0.1:${port}`).replace('"0 0 1 1 *"', '"*/1 * * * * *"'));
      child.child.kill("SIGHUP");
      await waitFor(async () => (await zonesIn(url)).length === 2, 25_000, "zone B after SIGHUP");
      expect(await zonesIn(url)).toEqual([A, B]);
      child.child.kill("SIGTERM");
      expect(await child.exited).toBe(0);
      expect(child.stdout()).toContain('"msg":"configuration reloaded"');
    } finally {
      child.child.kill("SIGKILL");
    }
  });
});

describe("reloading sinks", () => {
  it("drops a removed sink's queue (counted) and tells an added sink about what is firing", async () => {
    const { startWebhookReceiver } = await import("../../dev/demo/webhook-receiver.js");
    const receiver = await startWebhookReceiver();
    const file = join(dir, "sinks.yaml");
    const expiring: Scenario = { zones: [{ id: A, name: "z0.test", trustStore: [{ id: "soon", cn: "Soon Root", daysLeft: 3 }] }] };
    const sim = await startSimulator({ state: await buildState(expiring), apiToken: TOKEN });
    const text = (sink: string) =>
      [
        "cloudflare:",
        `  base_url: ${sim.baseUrl}`,
        "zones:",
        `  - { id: ${A}, sources: [trust_store] }`,
        'schedule: "0 0 1 1 *"',
        'server: { listen: "127.0.0.1:0" }',
        `state_dir: ${join(dir, "sinks-state")}`,
        "alerts:",
        "  sinks:",
        `    - ${sink}`,
      ].join("\n");
    writeFileSync(file, text('{ name: gone, type: webhook, url: "http://127.0.0.1:9/unreachable" }'));
    const daemon = await startDaemon(loadConfig(file, env), { logger: createLogger({ level: "silent", format: "json", secrets: [] }), env, deliveryBackoff: { baseMs: 60_000, maxMs: 60_000 } });
    try {
      await daemon.firstCycle;
      expect(daemon.alerts.queueDepth("gone")).toBe(1);
      writeFileSync(file, text(`{ name: fresh, type: webhook, url: "${receiver.url}" }`));
      expect((await daemon.reload()).ok).toBe(true);
      const samples = parseExposition(await (await request(`${daemon.url}/metrics`)).body.text());
      expect(valueOf(samples, "certwatch_notifications_total", { sink: "gone", outcome: "dropped" })).toBe(1);
      expect(select(samples, "certwatch_notification_queue_depth").map((s) => s.labels.sink)).toEqual(["fresh"]);
      await daemon.pollNow();
      await waitFor(async () => receiver.received.length === 1, 10_000, "the added sink's first notification");
      const payload = receiver.received[0]!.json as { alerts: Array<{ labels: Record<string, string> }> };
      expect(payload.alerts.map((a) => `${a.labels.alertname}/${a.labels.severity}`)).toEqual(["CertificateExpiringSoon/critical"]);
    } finally {
      await daemon.stop(1_000);
      await receiver.close();
      await sim.close();
    }
  });
});
