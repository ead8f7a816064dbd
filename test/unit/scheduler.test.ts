import { describe, expect, it } from "vitest";
import pino from "pino";
import { PollScheduler } from "../../src/scheduler/poll-scheduler.js";

const silent = pino({ level: "silent" });

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("PollScheduler", () => {
  it("runs a cycle at start and skips, and counts, ticks that find one running", async () => {
    const release = gate();
    let cycles = 0;
    let skipped = 0;
    const scheduler = new PollScheduler({
      schedule: "0 0 1 1 *",
      runCycle: async () => {
        cycles += 1;
        await release.opened;
      },
      onSkipped: () => (skipped += 1),
      logger: silent,
    });
    scheduler.start();
    scheduler.tick();
    scheduler.tick();
    expect(cycles).toBe(1);
    expect(skipped).toBe(2);
    release.open();
    await scheduler.started;
    scheduler.tick();
    expect(cycles).toBe(2);
    await scheduler.stop(1_000);
  });

  it("says once that sweeps outlast the schedule, not at every skipped tick, and once when they fit again", async () => {
    const warnings: string[] = [];
    const infos: string[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => void (JSON.parse(line).level === 40 ? warnings : infos).push(JSON.parse(line).msg) });
    const overrun: boolean[] = [];
    let release = gate();
    let skipped = 0;
    const scheduler = new PollScheduler({
      schedule: "0 0 1 1 *",
      runCycle: () => release.opened,
      onSkipped: () => (skipped += 1),
      onOverrun: (value) => overrun.push(value),
      logger,
    });
    scheduler.start();
    for (let i = 0; i < 5; i += 1) scheduler.tick();
    release.open();
    await scheduler.idle();
    // The next sweep also outlasts a tick: still one warning in all.
    release = gate();
    scheduler.tick();
    scheduler.tick();
    release.open();
    await scheduler.idle();
    expect(skipped).toBe(6);
    expect(warnings.filter((m) => m.startsWith("the sweep is still running"))).toHaveLength(1);
    expect(overrun).toEqual([true]);
    // A sweep with no tick skipped: said once, and the gauge goes back to 0.
    scheduler.tick();
    await scheduler.idle();
    expect(overrun).toEqual([true, false]);
    expect(infos.filter((m) => m.startsWith("a sweep ended within its schedule interval"))).toHaveLength(1);
    await scheduler.stop(1_000);
  });

  it("aborts a cycle that outlives the shutdown grace", async () => {
    let aborted = false;
    const scheduler = new PollScheduler({
      schedule: "0 0 1 1 *",
      runCycle: (signal) =>
        new Promise<void>((resolve) =>
          signal.addEventListener("abort", () => {
            aborted = true;
            resolve();
          }),
        ),
      onSkipped: () => undefined,
      logger: silent,
    });
    scheduler.start();
    const t0 = Date.now();
    await scheduler.stop(50);
    expect(aborted).toBe(true);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it("keeps running after a cycle throws", async () => {
    let cycles = 0;
    const scheduler = new PollScheduler({
      schedule: "0 0 1 1 *",
      runCycle: async () => {
        cycles += 1;
        throw new Error("boom");
      },
      onSkipped: () => undefined,
      logger: silent,
    });
    scheduler.start();
    await scheduler.started;
    await scheduler.runNow();
    expect(cycles).toBe(2);
    await scheduler.stop(100);
  });
});
