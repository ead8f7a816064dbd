import { readFileSync } from "node:fs";
import { join } from "node:path";
import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import type { SinkConfig } from "../../../src/config/schema.js";
import { startDaemon, type Daemon } from "../../../src/daemon.js";
import { writeAtomically, type StateWriter } from "../../../src/delivery/state-file.js";
import { createLogger } from "../../../src/log/logger.js";
import { mintCertificate } from "../../../dev/simulator/mint.js";
import type { Scenario } from "../../../dev/simulator/scenario.js";
import { buildState } from "../../../dev/simulator/scenario.js";
import { startSimulator, type Simulator } from "../../../dev/simulator/server.js";
import { findZone } from "../../../dev/simulator/state.js";
import { parseExposition, valueOf } from "../../helpers/exposition.js";
import { LogCapture, TEST_TOKEN, testConfig } from "../../helpers/harness.js";
import { waitFor } from "../../helpers/spawn-daemon.js";
import { FlakyReceiver, type Received } from "./delivery-receiver.js";

const ZONES = ["eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", "ffffffffffffffffffffffffffffffff"] as const;
const scenario: Scenario = {
  zones: ZONES.map((id, i) => ({
    id,
    name: `z${i}.test`,
    hostnameCertificates: [
      { id: `soon${i}`, cn: `soon.z${i}.test`, daysLeft: 5 },
      { id: `later${i}`, cn: `later.z${i}.test`, daysLeft: 20 },
    ],
  })),
};
const zones = ZONES.map((id, i) => ({ id, name: `z${i}.test`, hostnames: [] }));
/** Per zone: one webhook POST; per alert: one PagerDuty event. */
const ALERTS = 4;

/** The state file's writes, failing with an injected errno while `code` is set. */
class FaultyDisk {
  code: string | null = null;
  failures = 0;
  readonly write: StateWriter = async (path, text) => {
    if (this.code !== null) {
      this.failures += 1;
      throw Object.assign(new Error(`${this.code}: injected, open '${path}'`), { code: this.code, path });
    }
    await writeAtomically(path, text);
  };
}

interface Running {
  daemon: Daemon;
  simulator: Simulator;
  logs: LogCapture;
  stateFile: string;
  metric(name: string): Promise<number>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * `deliveryTimeoutMs`: how long the receiver may take to answer. Keep it well above what a busy
 * machine may need for a real answer: a slow 200 taken for a timeout would be (rightly) sent
 * again, and "none twice" would fail for the wrong reason.
 */
async function start(receiver: FlakyReceiver, disk: FaultyDisk, deliveryTimeoutMs = 10_000): Promise<Running> {
  const simulator = await startSimulator({ state: await buildState(scenario), apiToken: TEST_TOKEN });
  cleanups.push(() => simulator.close());
  const sinks: SinkConfig[] = [
    { name: "hook", type: "webhook", url: `${receiver.url}/hook`, secret: null, headers: {}, min_severity: "warning" },
    { name: "pager", type: "pagerduty", routing_key: "R0UT1NGKEY0123456789abcdef012345", url: `${receiver.url}/pd`, min_severity: "warning" },
  ];
  const config = testConfig(simulator, zones, { alerts: { sinks } });
  const logs = new LogCapture();
  const logger = createLogger({ level: "info", format: "json", secrets: [TEST_TOKEN], destination: logs });
  const daemon = await startDaemon(config, {
    logger,
    backoff: { baseMs: 20, maxMs: 100 },
    deliveryBackoff: { baseMs: 50, maxMs: 200 },
    alertEngine: { deliveryTimeoutMs, stateWriter: disk.write, stateBackoff: { baseMs: 50, maxMs: 200 } },
  });
  cleanups.push(() => daemon.stop(1_000));
  const metric = async (name: string) => valueOf(parseExposition(await (await request(`${daemon.url}/metrics`)).body.text()), name);
  return { daemon, simulator, logs, stateFile: join(config.state_dir, "certwatch-state.json"), metric };
}

/** The notification id a request's body carries, where its format has room for one. */
function bodyId(r: Received): string | undefined {
  return r.path === "/hook" ? r.json.notificationId : r.json.payload?.custom_details?.notification_id;
}

/**
 * Every request that reached the receiver, whatever it answered, was eventually accepted under
 * the same id, and no id was accepted twice: at-least-once without a duplicate.
 */
function expectEachDeliveredOnce(receiver: FlakyReceiver, webhookAlerts: number, pagerDutyEvents: number): void {
  const accepted = receiver.accepted();
  expect(new Set(accepted).size).toBe(accepted.length);
  expect(new Set(receiver.received.map((r) => r.id))).toEqual(new Set(accepted));
  for (const r of receiver.received) expect([r.id, undefined]).toContain(bodyId(r));
  const hooks = receiver.received.filter((r) => r.status === 200 && r.path === "/hook");
  expect(hooks.flatMap((r) => r.json.alerts).length).toBe(webhookAlerts);
  expect(receiver.accepted("/pd")).toHaveLength(pagerDutyEvents);
}

function stateOnDisk(path: string): { outbox: Array<{ group: { notifications: unknown[] } }> } {
  return JSON.parse(readFileSync(path, "utf8")) as { outbox: Array<{ group: { notifications: unknown[] } }> };
}

function savedAgain(cw: Running): boolean {
  return cw.logs.entries().some((e) => e.msg === "alert state is being saved again");
}

function queuedOnDisk(path: string): number {
  return stateOnDisk(path).outbox.reduce((n, e) => n + e.group.notifications.length, 0);
}

describe("delivery when state_dir cannot be written", () => {
  it("goes on from memory while saves fail (EROFS) and the receiver answers 500, then catches up on both", async () => {
    const receiver = await FlakyReceiver.start("500");
    cleanups.push(() => receiver.close());
    const disk = new FaultyDisk();
    const cw = await start(receiver, disk);
    // The start's own save has succeeded: the counter exists at 0 and the last success is set.
    expect(await cw.metric("certwatch_state_write_errors_total")).toBe(0);
    expect(await cw.metric("certwatch_state_last_write_success_timestamp_seconds")).toBeGreaterThan(Date.now() / 1000 - 60);
    disk.code = "EROFS";
    await cw.daemon.firstCycle;
    await cw.daemon.pollNow(); // a cycle whose own save fails
    await waitFor(async () => receiver.received.length >= 6 && disk.failures >= 3, 20_000, "failed sends and failed saves");
    expect((await request(`${cw.daemon.url}/healthz`)).statusCode).toBe(200);

    disk.code = null;
    await receiver.setMode("ok");
    await waitFor(async () => receiver.accepted().length === ZONES.length + ALERTS, 20_000, "every notification delivered");
    // The file may have held an empty outbox all along (the start's save), so wait for a save that followed the outage.
    await waitFor(async () => savedAgain(cw) && stateOnDisk(cw.stateFile).outbox.length === 0, 20_000, "the emptied outbox saved");
    expectEachDeliveredOnce(receiver, ALERTS, ALERTS);

    const warnings = cw.logs.entries().filter((e) => e.msg === "cannot save alert state; delivery goes on from memory and saving is retried with backoff");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, code: "EROFS", path: cw.stateFile });
    expect(cw.logs.entries().filter((e) => e.msg === "alert state is being saved again")).toHaveLength(1);
    expect(cw.logs.entries().filter((e) => e.msg === "delivery worker stopped unexpectedly")).toEqual([]);
    expect(await cw.metric("certwatch_state_write_errors_total")).toBe(disk.failures);
  });

  it("queues and delivers a cycle's notifications while the disk is full (ENOSPC), through a closed port and a hanging receiver", async () => {
    const receiver = await FlakyReceiver.start("down");
    cleanups.push(() => receiver.close());
    const disk = new FaultyDisk();
    const cw = await start(receiver, disk, 3_000);
    await cw.daemon.firstCycle;
    // Each alert queued for each of the two sinks.
    await waitFor(async () => queuedOnDisk(cw.stateFile) === 2 * ALERTS, 20_000, "the first cycle's notifications saved");

    disk.code = "ENOSPC";
    // A renewal during the outage: its resolve is queued by a cycle whose save fails.
    const renewed = await mintCertificate({ commonName: "soon.z0.test", notBefore: new Date(Date.now() - 86_400_000), notAfter: new Date(Date.now() + 365 * 86_400_000) });
    const item = findZone(cw.simulator.state, ZONES[0])!.hostnameCertificates.find((c) => c.id === "soon0")!;
    item.certificate = renewed.pem;
    item.expires_on = renewed.notAfter.toISOString();
    await cw.daemon.pollNow();
    await waitFor(async () => disk.failures >= 1, 10_000, "a failed save");

    await receiver.setMode("hang");
    await waitFor(async () => receiver.received.filter((r) => r.status === "hung").length >= 2, 20_000, "requests left unanswered");
    await receiver.setMode("ok");
    // 4 firing + 1 resolved webhook alerts over 3 POSTs; 4 triggers + 1 resolve to PagerDuty.
    await waitFor(async () => receiver.accepted("/pd").length === ALERTS + 1 && receiver.accepted("/hook").length === ZONES.length + 1, 20_000, "every notification delivered");
    expect(stateOnDisk(cw.stateFile).outbox.length).toBeGreaterThan(0); // still the last good save

    disk.code = null;
    await waitFor(async () => savedAgain(cw) && stateOnDisk(cw.stateFile).outbox.length === 0, 20_000, "the emptied outbox saved");
    expectEachDeliveredOnce(receiver, ALERTS + 1, ALERTS + 1);
    const warnings = cw.logs.entries().filter((e) => e.code === "ENOSPC");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, path: cw.stateFile });
    expect(await cw.metric("certwatch_state_write_errors_total")).toBe(disk.failures);
  });
});
