import { targetLabels } from "../model/index.js";
import type { Logger } from "pino";
import { failureOf, type ErrorReason } from "../cloudflare/api-error.js";
import type { ApiReader } from "../cloudflare/client.js";
import type { Clock } from "../clock/clock.js";
import type { ZoneConfig } from "../config/schema.js";
import { DEFAULTS } from "../config/schema.js";
import { buildRecords } from "../inventory/build-records.js";
import { separateDuplicateIds } from "../inventory/duplicate-ids.js";
import type { Inventory } from "../inventory/inventory.js";
import type { PemCache } from "../pem/pem-cache.js";
import { pollSource } from "../stores/poll-source.js";
import type { Source } from "../stores/source.js";
import { authVerdictOf, type PollVerdict } from "./credentials-check.js";
import { reportWorkarounds } from "./poll-report.js";
import { withDeadline } from "./source-deadline.js";

/** A source that answered 403 while the rest of its zone worked is asked again at most this often. */
export const UNAVAILABLE_RETRY_MS = 3_600_000;

export interface PollDeps {
  inventory: Inventory;
  pems: PemCache;
  logger: Logger;
  clock: Clock;
  /** How long one source's poll of one zone may take (cloudflare.source_timeout_seconds). */
  sourceTimeoutMs?: number;
}

export interface PollOutcome {
  ok: boolean;
  /** False when shutdown cut the poll short: it says nothing about the source. */
  counted: boolean;
  verdict: PollVerdict;
  /** A refused poll's error line, held back until the sweep shows whether the token is refused everywhere. */
  deferredLog: (() => void) | null;
}

const CUT_SHORT = (zone: ZoneConfig): PollOutcome => ({ ok: false, counted: false, verdict: { zoneId: zone.id, auth: "unknown", message: null }, deferredLog: null });

/** Polls one source of one zone and puts what it found (or its failure) in the inventory. */
export async function pollOne(deps: PollDeps, client: ApiReader, zone: ZoneConfig, source: Source, signal: AbortSignal): Promise<PollOutcome> {
  const timeoutMs = deps.sourceTimeoutMs ?? DEFAULTS.source_timeout_seconds * 1000;
  const polled = await withDeadline(signal, timeoutMs, (sourceSignal) => pollSource(source, zone, client, sourceSignal));
  // A poll cut short by shutdown says nothing about the source: leave its slot as it was.
  if (signal.aborted) return CUT_SHORT(zone);
  if ("timedOut" in polled) {
    const failure = { reason: "timeout" as const, message: `no complete answer within ${timeoutMs / 1000} s (cloudflare.source_timeout_seconds); gave up on this source for this cycle` };
    return recordFailedPoll(deps, zone, source, failure, "unknown");
  }
  if ("error" in polled) return recordFailedPoll(deps, zone, source, failureOf(polled.error), authVerdictOf(polled.error));
  try {
    const { settings, invalid, notes } = polled.value;
    const { items, duplicates } = separateDuplicateIds(polled.value.items);
    const records = await buildRecords(zone, source.name, items, deps.pems);
    // Parsing yields to the event loop; a shutdown meanwhile leaves the slot as it was.
    if (signal.aborted) return CUT_SHORT(zone);
    deps.inventory.recordSuccess(zone, source.name, records, deps.clock.now(), settings);
    if (invalid) deps.inventory.countInvalid(zone.id, source.name, invalid);
    reportWorkarounds(deps.logger, zone, source.name, invalid, duplicates, notes);
    for (const r of records) {
      if (r.parseError) {
        deps.logger.warn({ zone: zone.name, source: source.name, cert_id: r.certId, hostname: r.hostname, error: r.parseError }, "PEM does not parse");
      }
    }
    return { ok: true, counted: true, verdict: { zoneId: zone.id, auth: "accepted", message: null }, deferredLog: null };
  } catch (error) {
    return recordFailedPoll(deps, zone, source, failureOf(error), "unknown");
  }
}

function recordFailedPoll(deps: PollDeps, zone: ZoneConfig, source: Source, failure: { reason: ErrorReason; message: string }, auth: PollVerdict["auth"]): PollOutcome {
  const { reason, message } = failure;
  deps.inventory.recordFailure(zone, source.name, { reason, message }, deps.clock.now());
  const log = () =>
    deps.logger.error({ ...targetLabels(zone), source: source.name, reason, error: message }, "source poll failed; keeping its last known certificates");
  const verdict = { zoneId: zone.id, auth, message };
  // A 403 is logged after the sweep, once it is known whether the product or the token is missing.
  if (reason === "forbidden") return { ok: false, counted: true, verdict, deferredLog: null };
  if (auth === "rejected") return { ok: false, counted: true, verdict, deferredLog: log };
  log();
  return { ok: false, counted: true, verdict, deferredLog: null };
}

/** A source marked unavailable (the zone lacks the product) rests for UNAVAILABLE_RETRY_MS. */
export function restingUnavailable(inventory: Inventory, zone: ZoneConfig, source: Source, now: number): boolean {
  const health = inventory.healthOf(zone.id, source.name);
  return health !== undefined && health.unavailable && now - health.lastAttemptAt < UNAVAILABLE_RETRY_MS;
}

/**
 * A 403 from one source while another source of the same zone works means the zone lacks that
 * product (ACM, SSL for SaaS), not that the token is wrong: mark it unavailable and say so once.
 * Done as soon as the zone's polls end, so its alerts are judged with it. When every source of a
 * zone answers 403, the token is the problem and it stays a plain failure; the returned line
 * (null when there is nothing to say) is logged after the sweep unless the token was refused by
 * every zone, which is said once instead.
 */
export function markUnavailableSources(deps: Pick<PollDeps, "inventory" | "logger">, zone: ZoneConfig, sweepStart: number): (() => void) | null {
  const health = zone.sources.map((source) => deps.inventory.healthOf(zone.id, source)).filter((h) => h !== undefined);
  const zoneWorks = health.some((h) => h.up);
  const deferred: Array<() => void> = [];
  for (const h of health) {
    const forbidden = !h.up && h.lastError?.reason === "forbidden";
    const unavailable = zoneWorks && forbidden;
    const where = { ...targetLabels(zone), source: h.source, reason: "forbidden", error: h.lastError?.message };
    if (deps.inventory.setUnavailable(zone.id, h.source, unavailable) && unavailable) {
      const kind = zone.scope === "account" ? "account" : "zone";
      deps.logger.warn(where, `source answers 403 for this ${kind} while others work: the ${kind} probably lacks the product; asking again hourly`);
    } else if (forbidden && !unavailable && h.lastAttemptAt >= sweepStart) {
      const kind = zone.scope === "account" ? "account" : "zone";
      deferred.push(() => deps.logger.error(where, `source poll failed: the token may not read this ${kind}; keeping its last known certificates`));
    }
  }
  return deferred.length ? () => deferred.forEach((log) => log()) : null;
}
