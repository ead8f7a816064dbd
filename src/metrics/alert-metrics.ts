import { Counter, Gauge, type Registry } from "prom-client";
import type { Alert } from "../alerts/alert.js";
import type { DeliveryOutcome } from "../delivery/delivery-worker.js";

/** What the alert metrics read at scrape time. */
export interface AlertView {
  firing(): Alert[];
  /** Changes whenever firing() may answer differently. */
  firingRevision(): number;
  queueDepth(sink: string): number;
}

export interface AlertMetricHooks {
  onOutcome(sink: string, outcome: DeliveryOutcome, notifications: number): void;
  onSuccess(sink: string, at: number): void;
  onStateWriteError(): void;
  onStateWritten(at: number): void;
}

const NOTIFICATION_OUTCOMES = ["sent", "retried", "failed", "dropped"] as const;

export function registerAlertMetrics(registry: Registry, sinks: () => string[], view: () => AlertView | null): AlertMetricHooks {
  // firing() copies every active alert (over a thousand at 1,000 zones), and scrapes come far
  // more often than sweeps change them: the tallies are kept until the alerts' revision moves.
  let kept: { view: AlertView | null; revision: number; tally: FiringTally } | null = null;
  const tally = (): FiringTally => {
    const current = view();
    const revision = current?.firingRevision() ?? -1;
    if (kept?.view !== current || kept.revision !== revision) kept = { view: current, revision, tally: tallyFiring(current?.firing() ?? []) };
    return kept.tally;
  };
  new Gauge({
    name: "certwatch_alerts_firing",
    help: "Alerts certwatch currently considers firing.",
    labelNames: ["alertname", "severity"],
    registers: [registry],
    collect() {
      this.reset();
      for (const { alertname, severity, n } of tally().bySeverity) this.set({ alertname, severity }, n);
    },
  });
  new Gauge({
    name: "certwatch_silenced_alerts",
    help: "Alerts currently firing but muted by a silence (alerts.silences): no sink hears of them. Also counted in certwatch_alerts_firing.",
    registers: [registry],
    collect() {
      this.set(tally().silenced);
    },
  });
  new Gauge({
    name: "certwatch_notification_queue_depth",
    help: "Notifications waiting in the outbox for the sink.",
    labelNames: ["sink"],
    registers: [registry],
    collect() {
      this.reset();
      const current = view();
      for (const sink of sinks()) this.set({ sink }, current?.queueDepth(sink) ?? 0);
    },
  });
  const exported = new Set<string>();
  const notifications = new Counter({
    name: "certwatch_notifications_total",
    help: "Notifications by sink and outcome: sent, retried (an attempt failed and will be retried), failed (rejected), dropped (outbox full).",
    labelNames: ["sink", "outcome"],
    registers: [registry],
    // Every outcome of every sink, those a reload added included, so increase() sees the first
    // event; a sink once exported keeps its series (counters are never reset), so only new names cost.
    collect() {
      for (const sink of sinks()) {
        if (exported.has(sink)) continue;
        for (const outcome of NOTIFICATION_OUTCOMES) this.inc({ sink, outcome }, 0);
        exported.add(sink);
      }
    },
  });
  const lastSuccess = new Gauge({
    name: "certwatch_notification_last_success_timestamp_seconds",
    help: "When the sink last accepted a notification.",
    labelNames: ["sink"],
    registers: [registry],
  });
  // Unlabelled, so exported at 0 from the start: increase() sees the first failure.
  const stateWriteErrors = new Counter({
    name: "certwatch_state_write_errors_total",
    help: "Failed attempts to save the alert state and notification outbox to state_dir (each retry counts).",
    registers: [registry],
  });
  const stateLastWrite = new Gauge({
    name: "certwatch_state_last_write_success_timestamp_seconds",
    help: "When the alert state and notification outbox were last saved to state_dir.",
    registers: [registry],
  });
  return {
    onOutcome: (sink, outcome, count) => notifications.inc({ sink, outcome }, count),
    onSuccess: (sink, at) => lastSuccess.set({ sink }, at / 1000),
    onStateWriteError: () => stateWriteErrors.inc(),
    onStateWritten: (at) => stateLastWrite.set(at / 1000),
  };
}

interface FiringTally {
  /** Firing alerts by alertname and severity, in the order their first alert comes. */
  bySeverity: Array<{ alertname: string; severity: string; n: number }>;
  silenced: number;
}

function tallyFiring(alerts: readonly Alert[]): FiringTally {
  // With no key string made per alert (thousands at 1,000 zones).
  const bySeverity: FiringTally["bySeverity"] = [];
  const index = new Map<string, Map<string, FiringTally["bySeverity"][number]>>();
  let silenced = 0;
  for (const alert of alerts) {
    const { alertname, severity } = alert.labels;
    let entries = index.get(alertname);
    if (!entries) index.set(alertname, (entries = new Map()));
    let entry = entries.get(severity);
    if (!entry) {
      entries.set(severity, (entry = { alertname, severity, n: 0 }));
      bySeverity.push(entry);
    }
    entry.n += 1;
    if (alert.silenced !== undefined) silenced += 1;
  }
  return { bySeverity, silenced };
}
