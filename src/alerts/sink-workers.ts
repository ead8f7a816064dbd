// One delivery worker per configured sink, all draining the one outbox: the alert engine's
// delivery side, apart from its judging side. A reload replaces only the workers whose sink
// settings changed; their queues stay in the outbox.
import type { Logger } from "pino";
import type { Clock } from "../clock/clock.js";
import type { SinkConfig } from "../config/schema.js";
import { DeliveryWorker, type DeliveryOutcome } from "../delivery/delivery-worker.js";
import type { HttpSender } from "../delivery/http-sender.js";
import type { Outbox } from "../delivery/outbox.js";
import { createSinkRenderer } from "../sinks/index.js";
import type { RenderContext } from "../sinks/sink.js";
import type { SinkRoute } from "./alert-state.js";

export interface SinkWorkerOptions {
  outbox: Outbox;
  sender: HttpSender;
  logger: Logger;
  clock: Clock;
  hooks: {
    onOutcome(sink: string, outcome: DeliveryOutcome, notifications: number): void;
    onSuccess(sink: string, at: number): void;
  };
  /** A worker took entries off the outbox: the saved state is stale. */
  changed(): void;
  /** Read at each send: a reload may change the external URL or the firing timeout. */
  context(): RenderContext;
  backoff?: { baseMs: number; maxMs: number };
}

interface SinkWorker {
  config: SinkConfig;
  route: SinkRoute;
  worker: DeliveryWorker;
  abort: AbortController;
}

export class SinkWorkers {
  private readonly workers = new Map<string, SinkWorker>();
  private started = false;

  constructor(
    private readonly options: SinkWorkerOptions,
    sinks: readonly SinkConfig[],
  ) {
    for (const sink of sinks) this.add(sink);
  }

  start(): void {
    this.started = true;
    for (const sink of this.workers.values()) sink.worker.start(sink.abort.signal);
  }

  async stop(): Promise<void> {
    for (const sink of this.workers.values()) sink.abort.abort();
    await Promise.all([...this.workers.values()].map((s) => s.worker.stopped()));
  }

  /** Stops the workers of sinks that are gone from `sinks` or whose settings changed. */
  async stopChanged(sinks: readonly SinkConfig[]): Promise<void> {
    const wanted = new Map(sinks.map((s) => [s.name, s]));
    for (const [name, sink] of this.workers) {
      const next = wanted.get(name);
      if (next && JSON.stringify(next) === JSON.stringify(sink.config)) continue;
      sink.abort.abort();
      await sink.worker.stopped();
      this.workers.delete(name);
    }
  }

  /** Adds a worker for each sink of `sinks` without one (started when the others are). */
  addMissing(sinks: readonly SinkConfig[]): void {
    for (const sink of sinks) {
      if (this.workers.has(sink.name)) continue;
      const added = this.add(sink);
      if (this.started) added.worker.start(added.abort.signal);
    }
  }

  names(): string[] {
    return [...this.workers.keys()];
  }

  routes(): SinkRoute[] {
    return [...this.workers.values()].map((s) => s.route);
  }

  /** Wakes a sink's worker: the outbox holds something new for it. */
  notify(sink: string): void {
    this.workers.get(sink)?.worker.notify();
  }

  private add(config: SinkConfig): SinkWorker {
    const { options } = this;
    const renderer = createSinkRenderer(config);
    const entry: SinkWorker = {
      config,
      route: { name: config.name, minSeverity: config.min_severity, resendsFiring: renderer.resendsFiring },
      abort: new AbortController(),
      worker: new DeliveryWorker({
        sink: config.name,
        renderer,
        outbox: options.outbox,
        sender: options.sender,
        context: options.context,
        hooks: { onOutcome: options.hooks.onOutcome, onSuccess: options.hooks.onSuccess, changed: options.changed },
        logger: options.logger.child({ component: "delivery" }),
        clock: options.clock,
        backoff: options.backoff ?? { baseMs: 1_000, maxMs: 300_000 },
      }),
    };
    this.workers.set(config.name, entry);
    return entry;
  }
}
