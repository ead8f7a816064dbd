// POST /-/reload (and SIGHUP, which shares the path) run one at a time: a request that arrives
// during a reload waits for it, then shares the next reload with everyone who arrived meanwhile.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load.js";
import { startDaemon, type Daemon } from "../../../src/daemon.js";
import { createLogger } from "../../../src/log/logger.js";
import { oneAtATime, shareInFlight } from "../../../src/async/coalesce.js";
import { buildState } from "../../../dev/simulator/scenario.js";
import { startSimulator, type Simulator } from "../../../dev/simulator/server.js";
import { LogCapture } from "../../helpers/harness.js";

describe("oneAtATime", () => {
  it("never overlaps runs, queues at most one, and gives each caller a run that started after it asked", async () => {
    let running = 0;
    let most = 0;
    const starts: number[] = [];
    const run = oneAtATime(async () => {
      starts.push(Date.now());
      running++;
      most = Math.max(most, running);
      await sleep(100);
      running--;
      return starts.length;
    });
    const first = run();
    await sleep(10);
    const asked = Date.now();
    const later = await Promise.all(Array.from({ length: 5 }, () => run()));
    expect(await first).toBe(1);
    expect(later).toEqual([2, 2, 2, 2, 2]);
    expect(most).toBe(1);
    expect(starts[1]).toBeGreaterThanOrEqual(asked);
    expect(await run()).toBe(3);
  });

  it("keeps going after a failed run", async () => {
    let calls = 0;
    const run = oneAtATime(async () => {
      calls++;
      await sleep(20);
      if (calls === 1) throw new Error("first fails");
      return calls;
    });
    const [a, b] = await Promise.allSettled([run(), run()]);
    expect(a.status).toBe("rejected");
    expect(b).toEqual({ status: "fulfilled", value: 2 });
  });
});

describe("shareInFlight", () => {
  it("shares one run among callers that overlap it, and starts a fresh one afterwards", async () => {
    let calls = 0;
    const render = shareInFlight(async () => {
      calls++;
      await sleep(50);
      return calls;
    });
    expect(await Promise.all([render(), render(), render()])).toEqual([1, 1, 1]);
    expect(await render()).toBe(2);
  });
});

describe("concurrent POST /-/reload against a daemon", () => {
  const TOKEN = "reload-once-token-7d2c";
  const ZONE = "e5".repeat(16);
  const dir = mkdtempSync(join(tmpdir(), "certwatch-reload-once-"));
  const file = join(dir, "certwatch.yaml");
  const logs = new LogCapture();
  let simulator: Simulator;
  let daemon: Daemon;

  beforeAll(async () => {
    simulator = await startSimulator({ state: await buildState({ zones: [{ id: ZONE, name: "r.test", trustStore: [{ cn: "Root", daysLeft: 400 }] }] }), apiToken: TOKEN });
    writeFileSync(
      file,
      ["cloudflare:", `  base_url: ${simulator.baseUrl}`, "zones:", `  - { id: ${ZONE}, sources: [trust_store] }`, 'schedule: "0 0 1 1 *"', 'server: { listen: "127.0.0.1:0" }', `state_dir: ${join(dir, "state")}`].join("\n"),
    );
    const env = { CLOUDFLARE_API_TOKEN: TOKEN };
    daemon = await startDaemon(loadConfig(file, env), { logger: createLogger({ level: "info", format: "json", secrets: [TOKEN], destination: logs }), env });
    await daemon.firstCycle;
  });
  afterAll(async () => {
    await daemon?.stop(1_000);
    await simulator?.close();
  });

  it("answers every request and runs at most two reloads, never at the same time", async () => {
    const responses = await Promise.all(Array.from({ length: 8 }, () => request(`${daemon.url}/-/reload`, { method: "POST" })));
    for (const r of responses) {
      expect(r.statusCode).toBe(200);
      expect(await r.body.text()).toBe("configuration reloaded\n");
    }
    const reloads = logs.entries().filter((e) => e.msg === "configuration reloaded").length;
    expect(reloads).toBeGreaterThanOrEqual(1);
    expect(reloads).toBeLessThanOrEqual(2);
  });
});
