import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "pino";

export interface PollSchedulerOptions {
  schedule: string;
  /** One full cycle; must settle soon after `signal` aborts. */
  runCycle: (signal: AbortSignal) => Promise<unknown>;
  /** Every tick skipped because a sweep was still running (a counter). */
  onSkipped: () => void;
  /** Sweeps started to outlast the schedule interval (true), or fit it again (false): said once per change. */
  onOverrun?: (overrunning: boolean) => void;
  logger: Logger;
}

/**
 * Runs a sweep at start and then on the cron schedule. Sweeps never overlap: a tick that finds
 * one running is skipped and counted, and said once (not once per tick) until a sweep fits its
 * interval again.
 */
export class PollScheduler {
  private task: ScheduledTask | null = null;
  private running: Promise<void> | null = null;
  private abort = new AbortController();
  private firstCycle: Promise<void> = Promise.resolve();
  private skippedThisRun = false;
  private overrunning = false;

  constructor(private options: PollSchedulerOptions) {}

  start(): void {
    this.schedule(this.options.schedule);
    this.firstCycle = this.launch();
  }

  /** Switches to a new cron expression (a reload); a running cycle is not disturbed. */
  async reschedule(expression: string): Promise<void> {
    if (expression === this.options.schedule) return;
    await this.task?.destroy();
    this.options = { ...this.options, schedule: expression };
    this.schedule(expression);
  }

  private schedule(expression: string): void {
    const log = this.options.logger;
    this.task = cron.schedule(expression, () => void this.tick(), {
      name: "certwatch-poll",
      logger: {
        info: (m) => log.debug(m),
        warn: (m) => log.warn(m),
        error: (m) => log.error(String(m)),
        debug: (m) => log.debug(String(m)),
      },
    });
  }

  /** Resolves when the cycle run at start has finished. */
  get started(): Promise<void> {
    return this.firstCycle;
  }

  /** A scheduled tick: starts a cycle unless one is running, in which case it is skipped and counted. */
  tick(): void {
    if (this.running) {
      this.options.onSkipped();
      this.skippedThisRun = true;
      if (!this.overrunning) {
        this.overrunning = true;
        this.options.onOverrun?.(true);
        this.options.logger.warn(
          "the sweep is still running at the next scheduled tick: ticks are skipped until it ends (said once; certwatch_sweep_overrun is 1 and certwatch_poll_cycles_skipped_total counts them)",
        );
      }
      return;
    }
    void this.launch();
  }

  /** Resolves when no cycle is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Runs a fresh cycle now, after the running one (if any) ends; resolves when it has finished. */
  async runNow(): Promise<void> {
    while (this.running) await this.running;
    await this.launch();
  }

  private launch(): Promise<void> {
    this.running = this.options
      .runCycle(this.abort.signal)
      .then(
        () => undefined,
        (error: unknown) => this.options.logger.error({ err: error }, "poll cycle crashed"),
      )
      .finally(() => {
        this.running = null;
        if (this.overrunning && !this.skippedThisRun) {
          this.overrunning = false;
          this.options.onOverrun?.(false);
          this.options.logger.info("a sweep ended within its schedule interval again: no tick was skipped");
        }
        this.skippedThisRun = false;
      });
    return this.running;
  }

  /** Stops scheduling; lets a running cycle finish for up to `graceMs`, then aborts it. */
  async stop(graceMs: number): Promise<void> {
    await this.task?.destroy();
    this.task = null;
    const running = this.running;
    if (!running) return;
    const timer = setTimeout(() => this.abort.abort(new Error("shutdown")), graceMs);
    try {
      await running;
    } finally {
      clearTimeout(timer);
    }
  }
}
