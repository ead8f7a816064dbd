import type { Logger } from "pino";
import type { Clock } from "../clock/clock.js";

export interface PersisterHooks {
  onWriteError?(): void;
  /** `at`: epoch ms of the successful write. */
  onWritten?(at: number): void;
}

export interface StatePersisterOptions {
  /** Writes the state as it is when called; rejects when it could not be made durable. */
  write: () => Promise<void>;
  /** Where the state goes, for logs. */
  path: string;
  clock: Clock;
  logger: Logger;
  hooks: PersisterHooks;
  /** Waits between failed writes: doubling from baseMs, capped at maxMs. */
  backoff?: { baseMs: number; maxMs: number };
}

const DEFAULT_BACKOFF = { baseMs: 1_000, maxMs: 60_000 };

/**
 * Saves the alert state in the background, best effort. The state in memory is the truth and
 * delivery never waits on the disk: a change marks the state dirty, one write at a time takes
 * whatever the state is by then (so a burst of changes costs one or two writes), and a failed
 * write is retried with exponential backoff until one succeeds. An outage is logged once when
 * it starts and once when it ends, not at every retry.
 */
export class StatePersister {
  /** Bumped by every change; `saved` is the count the last successful write covered. */
  private changes = 0;
  private saved = 0;
  private running: Promise<void> | null = null;
  private failures = 0;
  private outageSince: number | null = null;
  private readonly waiters: Array<{ upTo: number; resolve: (saved: boolean) => void }> = [];
  private readonly abort = new AbortController();

  constructor(private readonly options: StatePersisterOptions) {}

  /** The state changed: it will be written soon, without the caller waiting. */
  markDirty(): void {
    this.changes += 1;
    this.kick();
  }

  /**
   * The state changed and the caller would like it durable before going on: resolves true once
   * a write covering this change succeeded, false as soon as one fails (or while saving is
   * failing: the retries carry on in the background). Never rejects.
   */
  flush(): Promise<boolean> {
    this.markDirty();
    if (this.failures > 0 || this.abort.signal.aborted) return Promise.resolve(false);
    const upTo = this.changes;
    return new Promise((resolve) => this.waiters.push({ upTo, resolve }));
  }

  /**
   * Writes now and throws if that fails, bypassing the backoff: for the start, where an
   * unwritable state_dir must stop certwatch rather than lose notifications later.
   */
  async writeNow(): Promise<void> {
    const upTo = this.changes;
    await this.options.write();
    this.succeeded(upTo);
  }

  /** Stops retrying and makes one last attempt to save what is unsaved; resolves whatever happens. */
  async close(): Promise<void> {
    this.abort.abort();
    await this.running;
    if (this.saved >= this.changes) return;
    const upTo = this.changes;
    try {
      await this.options.write();
      this.succeeded(upTo);
    } catch (error) {
      this.options.hooks.onWriteError?.();
      this.options.logger.error({ ...errorFields(error), path: this.options.path }, "could not save alert state at shutdown; changes since the last successful save are lost");
      this.settle(false);
    }
  }

  private kick(): void {
    if (this.running || this.abort.signal.aborted) return;
    this.running = this.drain().finally(() => (this.running = null));
  }

  private async drain(): Promise<void> {
    const { clock } = this.options;
    while (this.saved < this.changes && !this.abort.signal.aborted) {
      const upTo = this.changes;
      try {
        await this.options.write();
        this.succeeded(upTo);
      } catch (error) {
        this.failed(error);
        try {
          await clock.sleep(this.retryDelayMs(), this.abort.signal);
        } catch {
          return; // closing: close() makes the last attempt
        }
      }
    }
  }

  private retryDelayMs(): number {
    const { baseMs, maxMs } = this.options.backoff ?? DEFAULT_BACKOFF;
    return Math.min(maxMs, baseMs * 2 ** Math.min(this.failures - 1, 30));
  }

  private succeeded(upTo: number): void {
    const now = this.options.clock.now();
    this.saved = Math.max(this.saved, upTo);
    this.options.hooks.onWritten?.(now);
    if (this.outageSince !== null) {
      this.options.logger.info({ path: this.options.path, failed_writes: this.failures, outage_ms: now - this.outageSince }, "alert state is being saved again");
    }
    this.failures = 0;
    this.outageSince = null;
    this.settle(true);
  }

  private failed(error: unknown): void {
    this.failures += 1;
    this.options.hooks.onWriteError?.();
    if (this.outageSince === null) {
      this.outageSince = this.options.clock.now();
      this.options.logger.warn(
        { ...errorFields(error), path: this.options.path },
        "cannot save alert state; delivery goes on from memory and saving is retried with backoff",
      );
    }
    this.settle(false);
  }

  /** Answers flush() callers: after a success those it covered, after a failure all of them. */
  private settle(saved: boolean): void {
    for (let i = this.waiters.length - 1; i >= 0; i -= 1) {
      const waiter = this.waiters[i]!;
      if (saved && waiter.upTo > this.saved) continue;
      this.waiters.splice(i, 1);
      waiter.resolve(saved);
    }
  }
}

function errorFields(error: unknown): { code?: string; err: unknown } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" ? { code, err: error } : { err: error };
}
