import { Counter, Gauge, type Registry } from "prom-client";
import type { Alert } from "../alerts/alert.js";
import type { DeliveryOutcome } from "../delivery/delivery-worker.js";

/** What the alert metrics read at scrape time. */
export interface AlertView {
  firing(): Alert[];
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
  // firing() copies every active alert (over a thousand at 1,000 zones); both gauges below read
  // it in the same render, which calls every collect() in one synchronous pass: one copy per
  // render is enough, dropped when that pass is over.
  let firingThisRender: readonly Alert[] | null = null;
  const firing = (): readonly Alert[] => {
    if (firingThisRender === null) {
      firingThisRender = view()?.firing() ?? [];
      queueMicrotask(() => (firingThisRender = null));
    }
    return firingThisRender;
  };
  new Gauge({
    name: "certwatch_alerts_firing",
    help: "Alerts certwatch currently considers firing.",
    labelNames: ["alertname", "severity"],
    registers: [registry],
    collect() {
      this.reset();
      // By alertname, then severity, with no key string made per alert (thousands at 1,000
      // zones, every scrape); series in the order their first alert comes, as before.
      const entries: Array<{ alertname: string; severity: string; n: number }> = [];
      const index = new Map<string, Map<string, { alertname: string; severity: string; n: number }>>();
      for (const alert of firing()) {
        const { alertname, severity } = alert.labels;
        let bySeverity = index.get(alertname);
        if (!bySeverity) index.set(alertname, (bySeverity = new Map()));
        let entry = bySeverity.get(severity);
        if (!entry) {
          bySeverity.set(severity, (entry = { alertname, severity, n: 0 }));
          entries.push(entry);
        }
        entry.n += 1;
      }
      for (const { alertname, severity, n } of entries) this.set({ alertname, severity }, n);
    },
  });
  new Gauge({
    name: "certwatch_silenced_alerts",
    help: "Alerts currently firing but muted by a silence (alerts.silences): no sink hears of them. Also counted in certwatch_alerts_firing.",
    registers: [registry],
    collect() {
      let silenced = 0;
      for (const alert of firing()) if (alert.silenced !== undefined) silenced += 1;
      this.set(silenced);
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
  const notifications = new Counter({
    name: "certwatch_notifications_total",
    help: "Notifications by sink and outcome: sent, retried (an attempt failed and will be retried), failed (rejected), dropped (outbox full).",
    labelNames: ["sink", "outcome"],
    registers: [registry],
    // Every outcome of every sink, those a reload added included, so increase() sees the first event.
    collect() {
      for (const sink of sinks()) for (const outcome of NOTIFICATION_OUTCOMES) this.inc({ sink, outcome }, 0);
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
