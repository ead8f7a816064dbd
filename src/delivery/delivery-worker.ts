import type { Logger } from "pino";
import type { Clock } from "../clock/clock.js";
import { backoffDelayMs } from "../cloudflare/retry-policy.js";
import type { RenderContext, SinkRenderer } from "../sinks/sink.js";
import type { HttpSender } from "./http-sender.js";
import type { Outbox, OutboxEntry } from "./outbox.js";

const MAX_RETRY_AFTER_MS = 3_600_000;

export type DeliveryOutcome = "sent" | "retried" | "failed" | "dropped";

export interface DeliveryHooks {
  /** Counts notifications (not requests) by outcome. */
  onOutcome(sink: string, outcome: DeliveryOutcome, notifications: number): void;
  onSuccess(sink: string, at: number): void;
  /** The outbox changed: save it when possible. Must not throw or wait; delivery never waits on the disk. */
  changed(): void;
}

export interface DeliveryWorkerOptions {
  sink: string;
  renderer: SinkRenderer;
  outbox: Outbox;
  sender: HttpSender;
  context: () => RenderContext;
  hooks: DeliveryHooks;
  logger: Logger;
  clock: Clock;
  backoff: { baseMs: number; maxMs: number };
}

/**
 * Delivers one sink's outbox in order, forever: retryable failures (network, 5xx, 408, 429 with its
 * Retry-After) back off exponentially without a time limit; other 4xx are permanent failures.
 * An entry leaves the outbox only once the receiver accepted it.
 */
export class DeliveryWorker {
  private wakeUp: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(private readonly options: DeliveryWorkerOptions) {}

  start(signal: AbortSignal): void {
    this.loop = this.run(signal).catch((error: unknown) => {
      if (!signal.aborted) this.options.logger.error({ err: error, sink: this.options.sink }, "delivery worker stopped unexpectedly");
    });
    signal.addEventListener("abort", () => this.wakeUp?.(), { once: true });
  }

  /** Tells the worker new entries may be waiting. */
  notify(): void {
    this.wakeUp?.();
  }

  async stopped(): Promise<void> {
    await this.loop;
  }

  private async run(signal: AbortSignal): Promise<void> {
    const { outbox, sink, clock } = this.options;
    while (!signal.aborted) {
      const entry = outbox.head(sink);
      if (!entry) {
        await new Promise<void>((resolve) => (this.wakeUp = resolve));
        this.wakeUp = null;
        continue;
      }
      const wait = entry.nextAttemptAt - clock.now();
      if (wait > 0) {
        await Promise.race([clock.sleep(wait, signal).catch(() => undefined), new Promise<void>((resolve) => (this.wakeUp = resolve))]);
        this.wakeUp = null;
        continue;
      }
      try {
        await this.attempt(entry, signal);
      } catch (error) {
        if (signal.aborted) return;
        this.postpone(entry, error);
      }
    }
  }

  /**
   * An attempt that failed in an unforeseen way (the sender reports the expected failures as
   * results) is retried like a failed send: one bad entry or a passing fault must not stop the
   * loop, or every later notification of the sink would wait forever.
   */
  private postpone(entry: OutboxEntry, error: unknown): void {
    const { outbox, sink, clock, logger, hooks } = this.options;
    const delay = backoffDelayMs(Math.min(entry.attempts, 30), this.options.backoff);
    outbox.update(entry.id, { attempts: entry.attempts + 1, nextAttemptAt: clock.now() + delay });
    hooks.changed();
    logger.error({ err: error, sink, zone: entry.group.zone, retry_in_ms: delay }, "notification delivery attempt failed unexpectedly; will retry");
  }

  private async attempt(entry: OutboxEntry, signal: AbortSignal): Promise<void> {
    const { outbox, sink, hooks, logger, clock } = this.options;
    const notifications = entry.group.notifications.length;
    const requests = this.options.renderer.render({ id: entry.id, ...entry.group }, this.options.context());
    for (let index = entry.requestsDone; index < requests.length; index += 1) {
      const result = await this.options.sender.send(requests[index]!, clock.now(), signal);
      if (result.ok) {
        outbox.update(entry.id, { requestsDone: index + 1 });
        hooks.changed();
        continue;
      }
      const where = { sink, zone: entry.group.zone, notifications, notification_id: requests[index]!.notificationId, attempt: entry.attempts + 1, status: result.status };
      if (!result.retryable) {
        outbox.remove(entry.id);
        hooks.onOutcome(sink, "failed", notifications);
        logger.error({ ...where, error: result.message }, "notification rejected by the receiver; not retrying");
        hooks.changed();
        return;
      }
      // A receiver's Retry-After is obeyed up to an hour: longer would hide an outage behind one header.
      const delay = result.retryAfterMs !== null ? Math.min(result.retryAfterMs, MAX_RETRY_AFTER_MS) : backoffDelayMs(Math.min(entry.attempts, 30), this.options.backoff);
      outbox.update(entry.id, { attempts: entry.attempts + 1, nextAttemptAt: clock.now() + delay });
      hooks.onOutcome(sink, "retried", notifications);
      logger.warn({ ...where, retry_in_ms: delay, error: result.message }, "notification delivery failed; will retry");
      hooks.changed();
      return;
    }
    outbox.remove(entry.id);
    hooks.onOutcome(sink, "sent", notifications);
    hooks.onSuccess(sink, clock.now());
    logger.info({ sink, zone: entry.group.zone, notifications, notification_ids: requests.map((r) => r.notificationId) }, "notification delivered");
    hooks.changed();
  }
}
