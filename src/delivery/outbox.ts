import { randomUUID } from "node:crypto";
import type { Notification } from "../alerts/alert.js";
import type { NotificationGroup } from "../sinks/sink.js";

/** A group as the outbox keeps it: the group's id is its entry's. */
export type QueuedGroup = Omit<NotificationGroup, "id">;

/** A group to queue: it and its notifications get their ids when queued. */
export type NewGroup = Omit<NotificationGroup, "id" | "notifications"> & { notifications: Notification[] };

export interface OutboxEntry {
  /** Also the id of the group: kept across retries and restarts (see OutgoingRequest.notificationId). */
  id: string;
  group: QueuedGroup;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** Requests of this entry's rendering already accepted (a PagerDuty group is one per alert). */
  requestsDone: number;
}

export interface DropReport {
  sink: string;
  entries: number;
  notifications: number;
}

/**
 * Notifications waiting for their receiver, per sink, oldest first. Held in memory, which is the
 * truth: the alert engine saves it with the alert state when it can, and delivery never waits on
 * that. The bound is per sink and drops the oldest entries.
 */
export class Outbox {
  private entries: OutboxEntry[];

  constructor(
    entries: OutboxEntry[],
    private readonly maxNotificationsPerSink: number,
  ) {
    this.entries = [...entries];
  }

  /** Adds groups; returns what had to be dropped to stay under the bound (never silently). */
  enqueue(groups: NewGroup[], now: number): DropReport[] {
    for (const group of groups) {
      const queued = { ...group, notifications: group.notifications.map((n) => ({ ...n, id: randomUUID() })) };
      this.entries.push({ id: randomUUID(), group: queued, createdAt: now, attempts: 0, nextAttemptAt: now, requestsDone: 0 });
    }
    return this.enforceBound(new Set(groups.map((g) => g.sink)));
  }

  /** The oldest entry of a sink: deliveries to one sink stay in order. */
  head(sink: string): OutboxEntry | undefined {
    return this.entries.find((e) => e.group.sink === sink);
  }

  remove(id: string): void {
    this.entries = this.entries.filter((e) => e.id !== id);
  }

  update(id: string, change: Partial<Pick<OutboxEntry, "attempts" | "nextAttemptAt" | "requestsDone">>): void {
    this.entries = this.entries.map((e) => (e.id === id ? { ...e, ...change } : e));
  }

  /** Entries for sinks no longer configured (dropped and reported by the caller). */
  removeUnknownSinks(known: ReadonlySet<string>): DropReport[] {
    const gone = this.entries.filter((e) => !known.has(e.group.sink));
    this.entries = this.entries.filter((e) => known.has(e.group.sink));
    return summarize(gone);
  }

  depth(sink: string): number {
    return this.entries.filter((e) => e.group.sink === sink).reduce((n, e) => n + e.group.notifications.length, 0);
  }

  snapshot(): OutboxEntry[] {
    return this.entries;
  }

  private enforceBound(sinks: Set<string>): DropReport[] {
    const dropped: OutboxEntry[] = [];
    for (const sink of sinks) {
      while (this.depth(sink) > this.maxNotificationsPerSink) {
        const oldest = this.head(sink);
        if (!oldest) break;
        dropped.push(oldest);
        this.remove(oldest.id);
      }
    }
    return summarize(dropped);
  }
}

function summarize(entries: OutboxEntry[]): DropReport[] {
  const bySink = new Map<string, DropReport>();
  for (const e of entries) {
    const report = bySink.get(e.group.sink) ?? { sink: e.group.sink, entries: 0, notifications: 0 };
    report.entries += 1;
    report.notifications += e.group.notifications.length;
    bySink.set(e.group.sink, report);
  }
  return [...bySink.values()];
}

