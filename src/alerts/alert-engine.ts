import type { Logger } from "pino";
import type { Clock } from "../clock/clock.js";
import type { Config, ZoneConfig } from "../config/schema.js";
import type { DeliveryOutcome } from "../delivery/delivery-worker.js";
import { HttpSender } from "../delivery/http-sender.js";
import { Outbox, type DropReport, type NewGroup } from "../delivery/outbox.js";
import { StateFile, type StateWriter } from "../delivery/state-file.js";
import { StatePersister } from "../delivery/state-persister.js";
import { readStoredState, type StoredState } from "../delivery/stored-state.js";
import { recordKey, targetIdOfLabels, type SourceName } from "../model/index.js";
import type { Inventory } from "../inventory/inventory.js";
import type { DiscoveryHealth } from "../scheduler/discovery-health.js";
import type { RenderContext } from "../sinks/sink.js";
import { StartupError, systemErrorWords } from "../startup-error.js";
import type { Alert, Notification } from "./alert.js";
import { clockedStatusEntries, EMPTY_ALERT_STATE, hostnameStatusKey, needsClock, type AlertState } from "./alert-state.js";
import { withLabels } from "./alert-labels.js";
import { evaluateAlerts } from "./rules.js";
import { apiTokenAlerts, type TokenChecks } from "./token-rules.js";
import { SilenceBook } from "./silence-book.js";
import { SinkWorkers } from "./sink-workers.js";
import { ACCOUNT_WIDE_ZONE_ID, transitionScope, ZoneAlertIndex, ZoneStatusClocks } from "./zone-scope.js";

export interface AlertEngineHooks {
  onOutcome(sink: string, outcome: DeliveryOutcome, notifications: number): void;
  onSuccess(sink: string, at: number): void;
  onStateWriteError?(): void;
  /** `at`: epoch ms of a successful save of the state file. */
  onStateWritten?(at: number): void;
}

export interface AlertEngineOptions {
  config: Config;
  logger: Logger;
  clock: Clock;
  hooks: AlertEngineHooks;
  /** How long a firing alert stays valid at Alertmanager without a re-send. */
  firingTimeoutMs: number;
  deliveryBackoff?: { baseMs: number; maxMs: number };
  /** How long a receiver has to answer a request (default 10 s); tests shorten it. */
  deliveryTimeoutMs?: number;
  /** Replaces the atomic file write: tests inject disk faults through it. */
  stateWriter?: StateWriter;
  /** Waits between failed saves of the state (default 1 s doubling to 60 s); tests shorten it. */
  stateBackoff?: { baseMs: number; maxMs: number };
}

const STATE_FILE = "certwatch-state.json";

/**
 * As each zone of a sweep is read: evaluates its rules, moves its alerts, and queues what each sink
 * must hear in an outbox. The outbox in memory is the truth; it is saved (with the state) before
 * anything is sent when the disk allows, and a failing disk never holds delivery up.
 */
export class AlertEngine {
  private readonly sinks: SinkWorkers;
  private readonly sender: HttpSender;
  private readonly persister: StatePersister;
  private readonly clocks: ZoneStatusClocks;
  /** Which active alerts each zone holds: a zone's evaluation looks at its own alerts only. */
  private readonly alerts: ZoneAlertIndex;
  private readonly silences: SilenceBook;

  private constructor(
    private options: AlertEngineOptions,
    file: StateFile<StoredState>,
    private state: AlertState,
    private readonly outbox: Outbox,
  ) {
    // The status clocks are updated in place, zone by zone: never in a shared constant.
    this.state = { active: { ...state.active }, statuses: { ...state.statuses } };
    this.clocks = new ZoneStatusClocks(this.state.statuses);
    // Likewise the active alerts: replaced a scope at a time, in the record the state saves.
    this.alerts = new ZoneAlertIndex(this.state.active);
    this.silences = new SilenceBook(options.logger, options.config.alerts.silences, options.clock.now());
    this.sender = new HttpSender(options.deliveryTimeoutMs ?? 10_000);
    this.persister = new StatePersister({
      write: () => file.write({ version: 1, alerts: this.state, outbox: this.outbox.snapshot() }),
      path: file.path,
      clock: options.clock,
      logger: options.logger,
      hooks: { onWriteError: () => options.hooks.onStateWriteError?.(), onWritten: (at) => options.hooks.onStateWritten?.(at) },
      ...(options.stateBackoff ? { backoff: options.stateBackoff } : {}),
    });
    this.sinks = new SinkWorkers(
      {
        outbox,
        sender: this.sender,
        logger: options.logger,
        clock: options.clock,
        hooks: options.hooks,
        changed: () => this.persister.markDirty(),
        context: () => this.renderContext(),
        ...(options.deliveryBackoff ? { backoff: options.deliveryBackoff } : {}),
      },
      options.config.alerts.sinks,
    );
  }

  static async open(options: AlertEngineOptions): Promise<AlertEngine> {
    const file = StateFile.in<StoredState>(options.config.state_dir, STATE_FILE, options.stateWriter);
    const stored = await readStoredState(file, options.logger);
    const outbox = new Outbox(stored?.outbox ?? [], options.config.alerts.queue_max);
    const engine = new AlertEngine(options, file, stored?.alerts ?? EMPTY_ALERT_STATE, outbox);
    const orphaned = outbox.removeUnknownSinks(new Set(options.config.alerts.sinks.map((s) => s.name)));
    engine.reportDrops(orphaned, "its sink is no longer configured");
    try {
      // Fail at start, not at the first alert: an unwritable state_dir would lose notifications.
      await engine.persister.writeNow();
    } catch (error) {
      throw new StartupError(`cannot write alert state to ${file.path}`, "state_dir", `${systemErrorWords(error)} (it must be writable)`, { cause: error });
    }
    const queued = outbox.snapshot().length;
    if (stored) {
      options.logger.info({ firing: Object.keys(engine.state.active).length, queued_notifications: queued, path: file.path }, "alert state restored");
    }
    return engine;
  }

  start(): void {
    this.sinks.start();
  }

  async stop(): Promise<void> {
    await this.sinks.stop();
    await this.persister.close();
    await this.sender.close();
  }

  /**
   * Takes a reloaded config: new alert settings apply from the next cycle; a sink whose settings
   * changed gets a new worker over the same queue; a removed sink's queued notifications are
   * dropped (and counted), an added one starts empty. state_dir cannot change without a restart.
   */
  async reconfigure(config: Config, firingTimeoutMs: number): Promise<void> {
    this.options = { ...this.options, firingTimeoutMs, config: { ...config, state_dir: this.options.config.state_dir } };
    this.silences.replace(config.alerts.silences, this.options.clock.now());
    await this.sinks.stopChanged(config.alerts.sinks);
    this.reportDrops(this.outbox.removeUnknownSinks(new Set(config.alerts.sinks.map((s) => s.name))), "its sink was removed from the configuration");
    this.sinks.addMissing(config.alerts.sinks);
    await this.save();
  }

  sinkNames(): string[] {
    return this.sinks.names();
  }

  /**
   * Judges one zone as the inventory holds it now and queues what changed. Only this zone's
   * alerts move (its SourceDown and TrustStore ones included): the others wait for their zone.
   */
  async afterZone(inventory: Inventory, zone: ZoneConfig): Promise<void> {
    const now = this.options.clock.now();
    const slots = inventory.slotsOf(zone.id);
    const records = slots.flatMap((slot) => slot.records);
    const health = slots.map((slot) => slot.health);
    const clocksChanged = this.clocks.track(zone.id, clockedStatusEntries(records), now);
    const statuses = this.state.statuses;
    // A healthy status has no clock (clockedStatusEntries): no key is built for it.
    const evaluated = evaluateAlerts({
      records,
      health,
      thresholdsFor: () => zone.thresholds,
      statusSince: (record) => (needsClock(record.status) ? (statuses[recordKey(record)]?.since ?? now) : now),
      hostnameStatusSince: (record) => {
        const status = record.attributes.hostname_status;
        return typeof status === "string" && needsClock(status) ? (statuses[hostnameStatusKey(recordKey(record))]?.since ?? now) : now;
      },
      sourceRequired: (_zoneId, source) => zone.sources_explicit && zone.sources.includes(source),
      settings: this.ruleSettings(),
      now,
    });
    const desired = this.silences.mark(withLabels(evaluated, zone.labels), now);
    const up = new Set(health.filter((h) => h.up).map((h) => h.source));
    // A source that is down, or not read since a restart, keeps its alerts: a failure is no fix.
    await this.apply(desired, now, [zone.id], (alert) => !up.has(alert.labels.source as SourceName), clocksChanged);
  }

  /**
   * At a sweep's end, once every zone was judged: the account-wide alerts (ZoneDiscoveryDown,
   * ApiTokenExpiringSoon, ApiTokenNotActive), and the alerts of zones no longer watched, which resolve.
   */
  async afterSweep(zones: readonly ZoneConfig[], discovery: DiscoveryHealth | null, tokens: TokenChecks = {}): Promise<void> {
    const now = this.options.clock.now();
    const known = new Set(zones.map((z) => z.id));
    const clocksChanged = this.clocks.retainZones(known);
    const settings = this.ruleSettings();
    const evaluated = [
      ...evaluateAlerts({ records: [], health: [], thresholdsFor: () => this.options.config.thresholds, statusSince: () => now, discovery, settings, now }),
      ...apiTokenAlerts(tokens, this.options.config.thresholds, settings, now),
    ];
    const desired = this.silences.mark(withLabels(evaluated, this.options.config.labels), now);
    await this.apply(
      desired,
      now,
      [ACCOUNT_WIDE_ZONE_ID, ...this.alerts.zoneIds().filter((id) => id !== ACCOUNT_WIDE_ZONE_ID && !known.has(id))],
      // A restart starts the failure clock again; the alert stays until a listing works.
      (alert) => alert.labels.alertname === "ZoneDiscoveryDown" && discovery?.up === false,
      clocksChanged,
    );
    const queued = this.sinkNames().reduce((n, sink) => n + this.outbox.depth(sink), 0);
    this.options.logger.info({ firing: Object.keys(this.state.active).length, queued }, "alerts evaluated");
  }

  /** Moves the alerts of `zoneIds` ("" for account-wide) to `desired`; saves, then wakes the sinks, when something is to be sent. */
  private async apply(desired: Alert[], now: number, zoneIds: string[], isHeld: (alert: Alert) => boolean, clocksChanged: boolean): Promise<void> {
    const { config } = this.options;
    const inside = this.alerts.entriesOf(zoneIds);
    const result = transitionScope(inside, this.state.statuses, desired, now, {
      repeatIntervalMs: config.alerts.repeat_interval_ms,
      sendResolved: config.alerts.send_resolved,
      sinks: this.sinks.routes(),
      isHeld,
      isSilenced: (alert) => this.silences.isSilenced(alert, now),
    });
    // In place: the persister serialises this.state when it writes, and the index stays in step.
    this.alerts.replace(inside, result.active);
    const groups = groupByZone(result.deliveries);
    if (groups.length === 0) {
      if (result.changed || clocksChanged) this.persister.markDirty();
      return;
    }
    this.reportDrops(this.outbox.enqueue(groups, now), "the outbox reached alerts.queue_max");
    // Durable before sent when the disk allows; when it does not, deliver from memory anyway.
    await this.save();
    for (const group of groups) this.sinks.notify(group.sink);
    const counts = groups.reduce((n, g) => n + g.notifications.length, 0);
    this.options.logger.debug({ firing: Object.keys(this.state.active).length, queued: counts }, "alerts queued");
  }

  private ruleSettings() {
    const { alerts } = this.options.config;
    return { pendingGraceMs: alerts.pending_grace_ms, sourceDownAfterMs: alerts.source_down_after_ms, runbookUrl: alerts.runbook_base_url };
  }

  firing(): Alert[] {
    return Object.values(this.state.active).map((a) => a.alert);
  }

  /** Changes whenever the firing alerts may have: what a scrape derives from firing() is kept until it does. */
  firingRevision(): number {
    return this.alerts.revision;
  }

  queueDepth(sink: string): number {
    return this.outbox.depth(sink);
  }

  /** Resolves once the state is saved or saving has failed (the persister retries); never rejects. */
  private async save(): Promise<void> {
    await this.persister.flush();
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

function groupByZone(deliveries: Map<string, Notification[]>): NewGroup[] {
  const groups: NewGroup[] = [];
  for (const [sink, notifications] of deliveries) {
    const byZone = new Map<string, NewGroup>();
    for (const n of notifications) {
      const { zone, zone_id, account, account_id } = n.alert.labels;
      const key = targetIdOfLabels(n.alert.labels);
      const accountPart = zone_id === "" && account_id ? { account: account ?? "", accountId: account_id } : {};
      const group = byZone.get(key) ?? { sink, zone, zoneId: zone_id, ...accountPart, notifications: [] };
      group.notifications.push(n);
      byZone.set(key, group);
    }
    groups.push(...byZone.values());
  }
  return groups;
}
