import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AlertEngine } from "../../src/alerts/alert-engine.js";
import { systemClock } from "../../src/clock/clock.js";
import { parseConfig } from "../../src/config/load.js";
import { StatePersister } from "../../src/delivery/state-persister.js";
import { checkStoredState } from "../../src/delivery/stored-state.js";
import { createLogger } from "../../src/log/logger.js";
import { caught, TOKEN_ENV } from "../helpers/config-problems.js";
import { FakeClock } from "../helpers/fake-clock.js";
import { LogCapture, testConfig } from "../helpers/harness.js";

function fsError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected`), { code });
}

function capture() {
  const logs = new LogCapture();
  return { logs, logger: createLogger({ level: "info", format: "json", secrets: [], destination: logs }) };
}

describe("StatePersister", () => {
  it("retries a failing write with backoff doubling from 1 s to a 60 s cap, logging the outage once each way", async () => {
    const clock = new FakeClock();
    const { logs, logger } = capture();
    let calls = 0;
    let errors = 0;
    const written: number[] = [];
    let recovered!: () => void;
    const done = new Promise<void>((resolve) => (recovered = resolve));
    const persister = new StatePersister({
      write: async () => {
        calls += 1;
        if (calls <= 9) throw fsError("EROFS");
        recovered();
      },
      path: "/state/certwatch-state.json",
      clock,
      logger,
      hooks: { onWriteError: () => (errors += 1), onWritten: (at) => written.push(at) },
    });
    expect(await persister.flush()).toBe(false);
    await done;
    await persister.close();
    expect(clock.sleeps).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(errors).toBe(9);
    expect(written).toEqual([clock.now()]);
    const warnings = logs.entries().filter((e) => e.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ path: "/state/certwatch-state.json", code: "EROFS" });
    const infos = logs.entries().filter((e) => e.msg === "alert state is being saved again");
    expect(infos).toHaveLength(1);
    expect(infos[0]).toMatchObject({ path: "/state/certwatch-state.json", failed_writes: 9 });
  });

  it("coalesces changes made while a write is in flight into one more write", async () => {
    const { logger } = capture();
    let writes = 0;
    let release!: () => void;
    const persister = new StatePersister({
      write: () => {
        writes += 1;
        return writes === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
      },
      path: "p",
      clock: new FakeClock(),
      logger,
      hooks: {},
    });
    const first = persister.flush();
    for (let i = 0; i < 50; i += 1) persister.markDirty();
    const last = persister.flush();
    release();
    expect(await first).toBe(true);
    expect(await last).toBe(true);
    expect(writes).toBe(2);
  });

  it("answers flush() false at once during an outage, and close() makes one last attempt", async () => {
    const { logs, logger } = capture();
    let failing = true;
    let writes = 0;
    const clock = { now: () => 0, sleep: (_ms: number, signal?: AbortSignal) => new Promise<void>((_, reject) => signal?.addEventListener("abort", () => reject(new Error("aborted")))) };
    const persister = new StatePersister({
      write: async () => {
        writes += 1;
        if (failing) throw fsError("ENOSPC");
      },
      path: "p",
      clock,
      logger,
      hooks: {},
    });
    expect(await persister.flush()).toBe(false);
    expect(await persister.flush()).toBe(false); // waiting out the backoff, not writing
    expect(writes).toBe(1);
    failing = false;
    await persister.close();
    expect(writes).toBe(2);
    expect(logs.entries().filter((e) => e.code === "ENOSPC")).toHaveLength(1);
  });
});

const ALERT = {
  fingerprint: "0123456789abcdef",
  labels: { alertname: "CertificateExpiringSoon", severity: "critical", zone: "z.test", zone_id: "z1", source: "aop_hostname_cert", cert_id: "c1", hostname: "" },
  annotations: { summary: "s", description: "d", expires_at: "", runbook: "r" },
};
/** A state file as certwatch wrote it before notifications had ids (and alerts had runbook_url). */
const OLD_FORMAT = {
  version: 1,
  alerts: { active: { "0123456789abcdef": { alert: ALERT, startsAt: 1, lastNotifiedAt: 1, sinks: ["hook"] } }, statuses: { k: { status: "active", since: 1 } } },
  outbox: [
    {
      id: "entry-1",
      group: { sink: "hook", zone: "z.test", zoneId: "z1", notifications: [{ status: "firing", reason: "new", alert: ALERT, startsAt: 1, endsAt: null }] },
      createdAt: 1,
      attempts: 2,
      nextAttemptAt: 5,
      requestsDone: 0,
    },
  ],
};

describe("the stored state's shape", () => {
  it.each([
    ["an outbox that is a number", { version: 1, alerts: { active: {}, statuses: {} }, outbox: 5 }],
    ["alerts that are not a mapping of alerts", { version: 1, alerts: {}, outbox: [] }],
    ["another version", { ...OLD_FORMAT, version: 2 }],
    ["null", null],
    ["a list", []],
    ["a string", "certwatch"],
    ["a notification without its alert", { ...OLD_FORMAT, outbox: [{ ...OLD_FORMAT.outbox[0], group: { sink: "hook", zone: "z", zoneId: "z1", notifications: [{ status: "firing" }] } }] }],
  ])("refuses %s, naming what is wrong", (_, document) => {
    const checked = checkStoredState(document);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problems.length).toBeGreaterThan(0);
  });

  it("accepts a file written before notifications had ids, giving each notification one", () => {
    const checked = checkStoredState(OLD_FORMAT);
    if (!checked.ok) throw new Error(checked.problems.join("; "));
    const [notification] = checked.state.outbox[0]!.group.notifications;
    expect(notification!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(checked.state.outbox[0]!.id).toBe("entry-1");
    const withRunbookUrl = { ...ALERT, annotations: { ...ALERT.annotations, runbook_url: "r" } };
    expect(checked.state.alerts).toEqual({ ...OLD_FORMAT.alerts, active: { "0123456789abcdef": { ...OLD_FORMAT.alerts.active["0123456789abcdef"], alert: withRunbookUrl } } });
    expect(notification!.alert.annotations.runbook_url).toBe("r");
  });

  it.each([
    ["a wrong shape", '{"version":1,"alerts":{},"outbox":5}'],
    ["null", "null"],
    ["a list", "[]"],
    ["a string", '"x"'],
  ])("moves a state file holding %s aside, logs an error and starts clean", async (_, text) => {
    const dir = mkdtempSync(join(tmpdir(), "certwatch-shape-"));
    writeFileSync(join(dir, "certwatch-state.json"), text);
    const { logs, logger } = capture();
    const engine = await AlertEngine.open({
      config: testConfig({ baseUrl: "http://127.0.0.1:9/client/v4" }, [], { stateDir: dir }),
      logger,
      clock: systemClock,
      hooks: { onOutcome: () => undefined, onSuccess: () => undefined },
      firingTimeoutMs: 60_000,
    });
    await engine.stop();
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    expect(files[1]).toMatch(/^certwatch-state\.json\.corrupt-\d+$/);
    expect(readFileSync(join(dir, files[1]!), "utf8")).toBe(text);
    expect(JSON.parse(readFileSync(join(dir, files[0]!), "utf8"))).toEqual({ version: 1, alerts: { active: {}, statuses: {} }, outbox: [] });
    const error = logs.entries().find((e) => e.msg === "alert state file is not in certwatch's format; moved it aside and starting with empty alert state");
    expect(error).toMatchObject({ level: 50, path: join(dir, "certwatch-state.json") });
  });

  it("restores an old-format file and saves its notifications with ids", async () => {
    const dir = mkdtempSync(join(tmpdir(), "certwatch-oldformat-"));
    writeFileSync(join(dir, "certwatch-state.json"), JSON.stringify(OLD_FORMAT));
    const { logger } = capture();
    const sinks = [{ name: "hook", type: "webhook" as const, url: "http://127.0.0.1:9/", secret: null, headers: {}, min_severity: "warning" as const }];
    const engine = await AlertEngine.open({
      config: testConfig({ baseUrl: "http://127.0.0.1:9/client/v4" }, [], { stateDir: dir, alerts: { sinks } }),
      logger,
      clock: systemClock,
      hooks: { onOutcome: () => undefined, onSuccess: () => undefined },
      firingTimeoutMs: 60_000,
    });
    const saved = JSON.parse(readFileSync(join(dir, "certwatch-state.json"), "utf8")) as typeof OLD_FORMAT;
    await engine.stop();
    expect(readdirSync(dir)).toEqual(["certwatch-state.json"]);
    expect(engine.queueDepth("hook")).toBe(1);
    expect((saved.outbox[0]!.group.notifications[0] as { id?: string }).id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("an unwritable state_dir at start", () => {
  const open = (stateDir: string, stateWriter?: Parameters<typeof AlertEngine.open>[0]["stateWriter"]) =>
    AlertEngine.open({
      config: testConfig({ baseUrl: "http://127.0.0.1:9/client/v4" }, [], { stateDir }),
      logger: capture().logger,
      clock: systemClock,
      hooks: { onOutcome: () => undefined, onSuccess: () => undefined },
      firingTimeoutMs: 60_000,
      ...(stateWriter ? { stateWriter } : {}),
    });

  it("still stops the start (no retrying in the background there)", async () => {
    const parent = join(mkdtempSync(join(tmpdir(), "certwatch-notdir-")), "file");
    writeFileSync(parent, "not a directory");
    // Root can write anywhere, but no one can make a directory inside a regular file.
    await expect(open(join(parent, "state"))).rejects.toThrow(/cannot read alert state .*\(state_dir\): a path component is not a directory/);
    const dir = mkdtempSync(join(tmpdir(), "certwatch-erofs-"));
    await expect(open(dir, async () => Promise.reject(fsError("EROFS")))).rejects.toThrow(/cannot write alert state to .*\(state_dir\): read-only file system \(it must be writable\)/);
  });
});

describe("state_dir in the config", () => {
  const minimal = "zones:\n  - id: 023e105f4ecef8ad9ca31a8372d0c353\n";
  const load = (stateDir: string) => parseConfig(`${minimal}state_dir: ${stateDir}\n`, "a.yaml", TOKEN_ENV);

  it("expands ~ to the home directory", () => {
    expect(load("~/certwatch-state").state_dir).toBe(join(homedir(), "certwatch-state"));
    expect(load('"~"').state_dir).toBe(homedir());
    expect(load("./data~/x").state_dir).toBe("./data~/x");
  });

  it.each(["/proc/certwatch", "/sys", "/dev/shm/certwatch", "/var/../proc/self"])("refuses %s, a kernel filesystem", (path) => {
    const error = caught(() => load(path));
    expect(error.problems).toEqual([
      `a.yaml: state_dir: expected a directory outside /proc, /sys and /dev (kernel filesystems cannot hold certwatch's state), found "${path}"`,
    ]);
  });

  it("still takes ordinary paths as written", () => {
    expect(load("/var/lib/certwatch").state_dir).toBe("/var/lib/certwatch");
    expect(load("/processes").state_dir).toBe("/processes");
  });
});
