import { recordKey, type CertificateRecord } from "../model/index.js";
import { severityRank, type Alert, type Notification, type Severity } from "./alert.js";
import { classifyStatus } from "../stores/status-class.js";

/** A firing alert as remembered across cycles and restarts. */
export interface ActiveAlert {
  alert: Alert;
  startsAt: number;
  lastNotifiedAt: number;
  /** Sinks that were told it is firing and have not been told it resolved. */
  sinks: string[];
}

export interface AlertState {
  active: Record<string, ActiveAlert>;
  /** recordKey → the status last seen and since when (the pending grace clock). */
  statuses: Record<string, { status: string; since: number }>;
}

export const EMPTY_ALERT_STATE: AlertState = { active: {}, statuses: {} };

export interface SinkRoute {
  name: string;
  minSeverity: Severity;
  /** Receives every firing alert each cycle, not only changes (Alertmanager). */
  resendsFiring: boolean;
}

export interface TransitionSettings {
  repeatIntervalMs: number;
  sendResolved: boolean;
  sinks: SinkRoute[];
  /**
   * True for an alert that must not resolve just because it was not evaluated: its source is
   * down, or has not been read since a restart. A failed poll never looks like a fix.
   */
  isHeld: (alert: Alert) => boolean;
  /**
   * True for an alert a silence mutes now: it stays firing here (its start kept) but no sink is
   * sent anything about it. Sinks told before the silence are not sent a resolve when it starts.
   */
  isSilenced?: (alert: Alert) => boolean;
}

export interface TransitionResult {
  state: AlertState;
  /** What each sink must be sent this cycle, by sink name. */
  deliveries: Map<string, Notification[]>;
}

/**
 * Moves the alert state from one cycle to the next. New alert → notify; severity change →
 * notify at once; still firing → notify again every repeat interval; gone → one resolved
 * notification. Pure: the same inputs always give the same result.
 */
export function transition(previous: AlertState, desired: Alert[], now: number, settings: TransitionSettings): TransitionResult {
  const active: Record<string, ActiveAlert> = {};
  const deliveries = new Map<string, Notification[]>(settings.sinks.map((s) => [s.name, []]));
  const send = (sink: string, n: Notification) => deliveries.get(sink)?.push(n);

  for (const alert of desired) {
    const before = previous.active[alert.fingerprint];
    const reason = !before
      ? "new"
      : before.alert.labels.severity !== alert.labels.severity
        ? "severity_change"
        : now - before.lastNotifiedAt >= settings.repeatIntervalMs
          ? "repeat"
          : null;
    const startsAt = before?.startsAt ?? now;
    if (settings.isSilenced?.(alert)) {
      // Once the silence ends, a sink not told yet hears of it as new, the others at the repeat.
      active[alert.fingerprint] = { alert, startsAt, lastNotifiedAt: before?.lastNotifiedAt ?? now, sinks: before?.sinks ?? [] };
      continue;
    }
    const firing: Notification = { status: "firing", reason: reason ?? "repeat", alert, startsAt, endsAt: null };
    // A sink that drops it is told about the alert as it last heard it.
    const resolved: Notification = { status: "resolved", reason: "resolved", alert: before?.alert ?? alert, startsAt, endsAt: now };
    const sinks: string[] = [];
    for (const sink of settings.sinks) {
      const eligible = severityRank(alert.labels.severity) >= severityRank(sink.minSeverity);
      const told = before?.sinks.includes(sink.name) ?? false;
      if (eligible) {
        sinks.push(sink.name);
        // A sink that has not heard of it yet (e.g. it just crossed min_severity) hears it now.
        if (reason !== null || !told || sink.resendsFiring) send(sink.name, told ? firing : { ...firing, reason: reason === "severity_change" ? reason : "new" });
      } else if (told && settings.sendResolved) {
        // Dropped below this sink's min_severity: close it there rather than leave it open.
        send(sink.name, resolved);
      }
    }
    active[alert.fingerprint] = { alert, startsAt, lastNotifiedAt: reason !== null ? now : before!.lastNotifiedAt, sinks };
  }

  const desiredIds = new Set(desired.map((a) => a.fingerprint));
  for (const [fingerprint, before] of Object.entries(previous.active)) {
    if (desiredIds.has(fingerprint)) continue;
    if (settings.isHeld(before.alert)) {
      active[fingerprint] = before;
      for (const sink of settings.sinks) {
        if (sink.resendsFiring && before.sinks.includes(sink.name) && !settings.isSilenced?.(before.alert)) {
          send(sink.name, { status: "firing", reason: "repeat", alert: before.alert, startsAt: before.startsAt, endsAt: null });
        }
      }
      continue;
    }
    if (!settings.sendResolved) continue;
    for (const sink of before.sinks) {
      send(sink, { status: "resolved", reason: "resolved", alert: before.alert, startsAt: before.startsAt, endsAt: now });
    }
  }
  return { state: { active, statuses: previous.statuses }, deliveries };
}

/** The key a custom hostname's own status (attribute hostname_status) is tracked under, beside its certificate's. */
export function hostnameStatusKey(key: string): string {
  return `${key}\u0000hostname_status`;
}

/**
 * The entries a "status since" clock is kept for: each record's status and, for a custom
 * hostname, the hostname's own status too, leaving out healthy ones.
 * Only a status on its way (or failed) ever asks since when it holds (the pending grace), so a
 * healthy one needs no clock; a SaaS zone's 100,000 active hostnames then cost none.
 */
export function clockedStatusEntries(records: CertificateRecord[]): Array<{ key: string; status: string }> {
  const entries: Array<{ key: string; status: string }> = [];
  for (const r of records) {
    const own = needsClock(r.status) ? r.status : null;
    const hostnameStatus = r.attributes.hostname_status;
    const hostname = typeof hostnameStatus === "string" && needsClock(hostnameStatus) ? hostnameStatus : null;
    if (own === null && hostname === null) continue;
    const key = recordKey(r);
    if (own !== null) entries.push({ key, status: own });
    if (hostname !== null) entries.push({ key: hostnameStatusKey(key), status: hostname });
  }
  return entries;
}

/** Whether a status is one whose "since" can matter: present and not healthy. */
export function needsClock(status: string | null): status is string {
  return status !== null && classifyStatus(status) !== "healthy";
}
