import type { Notification } from "../alerts/alert.js";

/** The header carrying OutgoingRequest.notificationId on every request (delivery sets it). */
export const NOTIFICATION_ID_HEADER = "X-Certwatch-Notification-Id";

/** An HTTP POST a sink wants made; the delivery module sends it and decides about retries. */
export interface OutgoingRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  /**
   * Names what this request tells the receiver, the same on every resend of it (a retry, or a
   * send repeated after a crash), so a receiver can drop a duplicate. Sent as
   * NOTIFICATION_ID_HEADER; renderers also put it in the body where the format has room.
   */
  notificationId: string;
}

/** A notification as queued for a sink: `id` is given once, when it is queued, and kept. */
export interface QueuedNotification extends Notification {
  id: string;
}

/** The notifications of one cycle for one sink and one zone. */
export interface NotificationGroup {
  /** Given when the group is queued and kept: the id of a request that carries the whole group. */
  id: string;
  /** The sink's configured name (the Alertmanager payload's `receiver`). */
  sink: string;
  zone: string;
  zoneId: string;
  /** An account's group (its alerts carry account labels, the zone ones empty): the account. */
  account?: string;
  accountId?: string;
  notifications: QueuedNotification[];
}

export interface RenderContext {
  /** Epoch ms. */
  now: number;
  /** Where certwatch's own page is, for links (`externalURL`, `generatorURL`). */
  externalUrl: string;
  /**
   * How long a firing alert stays valid without being sent again (Alertmanager's `endsAt` for a
   * firing alert): a few poll intervals, so a live certwatch never lets it lapse.
   */
  firingTimeoutMs: number;
}

/** Turns alert events into the HTTP requests one kind of receiver understands. Pure. */
export interface SinkRenderer {
  /**
   * True for receivers that expect every firing alert again each cycle (Alertmanager's API
   * clients do this, or it resolves them); the group then holds all firing alerts, not changes.
   */
  readonly resendsFiring: boolean;
  render(group: NotificationGroup, context: RenderContext): OutgoingRequest[];
}


