import type { Logger } from "pino";
import type { Clock } from "../clock/clock.js";
import type { Config, SinkConfig, ZoneConfig } from "../config/schema.js";
import { DeliveryWorker, type DeliveryOutcome } from "../delivery/delivery-worker.js";
import { HttpSender } from "../delivery/http-sender.js";
import { Outbox, type DropReport, type OutboxEntry } from "../delivery/outbox.js";
import { StateFile } from "../delivery/state-file.js";
import { recordKey } from "../inventory/certificate-record.js";
import type { Inventory } from "../inventory/inventory.js";
import { createSinkRenderer } from "../sinks/index.js";
import type { NotificationGroup, RenderContext } from "../sinks/sink.js";
import type { Alert, Notification } from "./alert.js";
import { EMPTY_ALERT_STATE, trackStatuses, transition, type AlertState, type SinkRoute } from "./alert-state.js";
import { RUNBOOK_URL } from "./runbook.js";
import { evaluateAlerts } from "./rules.js";

interface StoredState {
  version: 1;
  alerts: AlertState;
  outbox: OutboxEntry[];
}

export interface AlertEngineHooks {
  onOutcome(sink: string, outcome: DeliveryOutcome, notifications: number): void;
  onSuccess(sink: string, at: number): void;
}

export interface AlertEngineOptions {
  config: Config;
  logger: Logger;
  clock: Clock;
  hooks: AlertEngineHooks;
  /** How long a firing alert stays valid at Alertmanager without a re-send. */
  firingTimeoutMs: number;
  deliveryBackoff?: { baseMs: number; maxMs: number };
}

const STATE_FILE = "certwatch-state.json";

/**
 * After every poll cycle: evaluates the rules, moves the alert state, and queues what each sink
 * must hear in a durable outbox — saved (with the state) before anything is sent.
 */
export class AlertEngine {
  private readonly sinks = new Map<string, { config: SinkConfig; route: SinkRoute; worker: DeliveryWorker; abort: AbortController }>();
  private readonly sender = new HttpSender(10_000);
  private started = false;

  private constructor(
    private options: AlertEngineOptions,
    private readonly file: StateFile<StoredState>,
    private state: AlertState,
    private readonly outbox: Outbox,
  ) {
    for (const sink of options.config.alerts.sinks) this.addSink(sink);
  }

  static async open(options: AlertEngineOptions): Promise<AlertEngine> {
    const file = StateFile.in<StoredState>(options.config.state_dir, STATE_FILE);
    let stored: StoredState | null = null;
    try {
      stored = await file.read();
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw new Error(`cannot read alert state ${file.path}: ${error instanceof Error ? error.message : String(error)}`);
      // Atomic writes make this unlikely; if it happens, keep the evidence, say so loudly, start clean.
      const kept = await file.setAside();
      options.logger.error({ err: error, path: file.path, kept }, "alert state file is not valid JSON; moved it aside and starting with empty alert state");
    }
    const outbox = new Outbox(stored?.outbox ?? [], options.config.alerts.queue_max);
    const engine = new AlertEngine(options, file, stored?.alerts ?? EMPTY_ALERT_STATE, outbox);
    const orphaned = outbox.removeUnknownSinks(new Set(options.config.alerts.sinks.map((s) => s.name)));
    engine.reportDrops(orphaned, "its sink is no longer configured");
    try {
      // Fail at start, not at the first alert: an unwritable state_dir would lose notifications.
      await engine.save();
    } catch (error) {
      throw new Error(`cannot write alert state to ${file.path} (state_dir must be writable): ${error instanceof Error ? error.message : String(error)}`);
    }
    const queued = outbox.snapshot().length;
    if (stored) {
      options.logger.info({ firing: Object.keys(engine.state.active).length, queued_notifications: queued, path: file.path }, "alert state restored");
    }
    return engine;
  }

  start(): void {
    this.started = true;
    for (const sink of this.sinks.values()) sink.worker.start(sink.abort.signal);
  }

  async stop(): Promise<void> {
    for (const sink of this.sinks.values()) sink.abort.abort();
    await Promise.all([...this.sinks.values()].map((s) => s.worker.stopped()));
    await this.save();
    await this.sender.close();
  }

  /**
   * Takes a reloaded config: new alert settings apply from the next cycle; a sink whose settings
   * changed gets a new worker over the same queue; a removed sink's queued notifications are
   * dropped (and counted), an added one starts empty. state_dir cannot change without a restart.
   */
  async reconfigure(config: Config, firingTimeoutMs: number): Promise<void> {
    this.options = { ...this.options, firingTimeoutMs, config: { ...config, state_dir: this.options.config.state_dir } };
    const wanted = new Map(config.alerts.sinks.map((s) => [s.name, s]));
    for (const [name, sink] of this.sinks) {
      const next = wanted.get(name);
      if (next && JSON.stringify(next) === JSON.stringify(sink.config)) continue;
      sink.abort.abort();
      await sink.worker.stopped();
      this.sinks.delete(name);
    }
    this.reportDrops(this.outbox.removeUnknownSinks(new Set(wanted.keys())), "its sink was removed from the configuration");
    for (const sink of config.alerts.sinks) {
      if (this.sinks.has(sink.name)) continue;
      const added = this.addSink(sink);
      if (this.started) added.worker.start(added.abort.signal);
    }
    await this.save();
  }

  sinkNames(): string[] {
    return [...this.sinks.keys()];
  }

  /** Evaluates the inventory as it stands after a cycle and queues the resulting notifications. */
  async afterCycle(inventory: Inventory, zones: ZoneConfig[]): Promise<void> {
    const { config, clock } = this.options;
    const now = clock.now();
    const records = inventory.records();
    const statuses = trackStatuses(this.state.statuses, records.map((r) => ({ key: recordKey(r), status: r.status })), now);
    const thresholds = new Map(zones.map((z) => [z.id, z.thresholds]));
    const desired = evaluateAlerts({
      records,
      health: inventory.health(),
      thresholdsFor: (zoneId) => thresholds.get(zoneId) ?? config.thresholds,
      statusSince: (record) => statuses[recordKey(record)]?.since ?? now,
      sourceRequired: (zoneId, source) => {
        const zone = zones.find((z) => z.id === zoneId);
        return zone !== undefined && zone.sources_explicit && zone.sources.includes(source);
      },
      settings: { pendingGraceMs: config.alerts.pending_grace_ms, sourceDownAfterMs: config.alerts.source_down_after_ms, runbookUrl: RUNBOOK_URL },
      now,
    });
    const up = new Set(inventory.health().filter((h) => h.up).map((h) => `${h.zoneId}/${h.source}`));
    const configured = new Set(zones.map((z) => z.id));
    const result = transition({ ...this.state, statuses }, desired, now, {
      repeatIntervalMs: config.alerts.repeat_interval_ms,
      sendResolved: config.alerts.send_resolved,
      sinks: [...this.sinks.values()].map((s) => s.route),
      isHeld: (alert) => configured.has(alert.labels.zone_id) && !up.has(`${alert.labels.zone_id}/${alert.labels.source}`),
    });
    this.state = result.state;
    const groups = groupByZone(result.deliveries);
    this.reportDrops(this.outbox.enqueue(groups, now), "the outbox reached alerts.queue_max");
    await this.save();
    for (const group of groups) this.sinks.get(group.sink)?.worker.notify();
    const counts = groups.reduce((n, g) => n + g.notifications.length, 0);
    this.options.logger.info({ firing: Object.keys(this.state.active).length, queued: counts }, "alerts evaluated");
  }

  firing(): Alert[] {
    return Object.values(this.state.active).map((a) => a.alert);
  }

  queueDepth(sink: string): number {
    return this.outbox.depth(sink);
  }

  private addSink(config: SinkConfig) {
    const renderer = createSinkRenderer(config);
    const entry = {
      config,
      route: { name: config.name, minSeverity: config.min_severity, resendsFiring: renderer.resendsFiring },
      abort: new AbortController(),
      worker: new DeliveryWorker({
        sink: config.name,
        renderer,
        outbox: this.outbox,
        sender: this.sender,
        context: () => this.renderContext(),
        hooks: { ...this.options.hooks, save: () => this.save() },
        logger: this.options.logger.child({ component: "delivery" }),
        clock: this.options.clock,
        backoff: this.options.deliveryBackoff ?? { baseMs: 1_000, maxMs: 300_000 },
      }),
    };
    this.sinks.set(config.name, entry);
    return entry;
  }

  private save(): Promise<void> {
    return this.file.write({ version: 1, alerts: this.state, outbox: this.outbox.snapshot() });
  }

  private renderContext(): RenderContext {
    return { now: this.options.clock.now(), externalUrl: this.options.config.alerts.external_url, firingTimeoutMs: this.options.firingTimeoutMs };
  }

  private reportDrops(drops: DropReport[], why: string): void {
    for (const drop of drops) {
      this.options.hooks.onOutcome(drop.sink, "dropped", drop.notifications);
      this.options.logger.error({ sink: drop.sink, dropped_notifications: drop.notifications }, `dropped queued notifications: ${why}`);
    }
  }
}

function groupByZone(deliveries: Map<string, Notification[]>): NotificationGroup[] {
  const groups: NotificationGroup[] = [];
  for (const [sink, notifications] of deliveries) {
    const byZone = new Map<string, NotificationGroup>();
    for (const n of notifications) {
      const { zone, zone_id } = n.alert.labels;
      const group = byZone.get(zone_id) ?? { sink, zone, zoneId: zone_id, notifications: [] };
      group.notifications.push(n);
      byZone.set(zone_id, group);
    }
    groups.push(...byZone.values());
  }
  return groups;
}
