import type { Logger } from "pino";
import { CloudflareApiError, type ErrorReason } from "../cloudflare/api-error.js";
import type { CloudflareClient } from "../cloudflare/client.js";
import { buildRecords } from "../inventory/build-records.js";
import type { Inventory } from "../inventory/inventory.js";
import type { OperationalMetrics } from "../metrics/operational-metrics.js";
import type { PemCache } from "../pem/pem-cache.js";
import type { ZoneConfig } from "../config/schema.js";
import type { Source } from "../sources/source.js";
import type { Clock } from "../clock/clock.js";
import { DEFAULTS } from "../config/schema.js";
import { ConcurrencyLimit } from "../cloudflare/concurrency-limit.js";
import { separateDuplicateIds } from "../inventory/duplicate-ids.js";
import { authVerdictOf, judgeCredentials, type PollVerdict } from "./credentials-check.js";
import { reportWorkarounds } from "./poll-report.js";
import { withDeadline } from "./source-deadline.js";

export type CycleOutcome = "success" | "partial" | "failure" | "aborted";

/** A source that answered 403 while the rest of its zone worked is asked again at most this often. */
export const UNAVAILABLE_RETRY_MS = 3_600_000;

export interface PollCycleDeps {
  zones: ZoneConfig[];
  sources: readonly Source[];
  client: CloudflareClient;
  inventory: Inventory;
  pems: PemCache;
  metrics: OperationalMetrics;
  logger: Logger;
  clock: Clock;
  /** How long one source's poll of one zone may take (cloudflare.source_timeout_seconds). */
  sourceTimeoutMs?: number;
  /** Source polls run at once (cloudflare.concurrency), so a poll's time limit starts when it does, not in a queue. */
  pollConcurrency?: number;
}

interface PollOutcome {
  ok: boolean;
  verdict: PollVerdict;
  /** A refused poll's error line, held back until the cycle shows whether the token is refused everywhere. */
  deferredLog: (() => void) | null;
}

/**
 * Polls every source of every zone once. A failing zone or source does not stop the others;
 * its last good records stay in the inventory and its health says it is down.
 */
export async function runPollCycle(deps: PollCycleDeps, signal: AbortSignal): Promise<CycleOutcome> {
  const started = deps.clock.now();
  const running = new ConcurrencyLimit(deps.pollConcurrency ?? DEFAULTS.concurrency);
  const tasks = deps.zones.flatMap((zone) =>
    deps.sources
      .filter((source) => zone.sources.includes(source.name) && (source.appliesTo?.(zone) ?? true) && !restingUnavailable(deps, zone, source, started))
      .map((source) => running.run(() => pollOne(deps, zone, source, signal))),
  );
  const polls = await Promise.all(tasks);
  const results = polls.map((p) => p.ok);
  // A token refused everywhere is one error line, not one per source.
  const rejected = !signal.aborted && judgeCredentials(polls.map((p) => p.verdict), deps.inventory, deps.logger);
  if (!rejected) for (const p of polls) p.deferredLog?.();
  if (!signal.aborted) for (const zone of deps.zones) markUnavailableSources(deps, zone, started, rejected);
  deps.pems.sweep();
  const finished = deps.clock.now();
  deps.inventory.markCycleFinished(finished);

  const failed = results.filter((ok) => !ok).length;
  const outcome: CycleOutcome = signal.aborted
    ? "aborted"
    : failed === 0
      ? "success"
      : failed === results.length
        ? "failure"
        : "partial";
  deps.metrics.cycles.inc({ outcome });
  deps.metrics.cycleDuration.observe((finished - started) / 1000);
  deps.logger.info(
    { outcome, duration_ms: finished - started, polls: results.length, failed_polls: failed, certificates: deps.inventory.records().length },
    "poll cycle finished",
  );
  return outcome;
}

async function pollOne(deps: PollCycleDeps, zone: ZoneConfig, source: Source, signal: AbortSignal): Promise<PollOutcome> {
  const timeoutMs = deps.sourceTimeoutMs ?? DEFAULTS.source_timeout_seconds * 1000;
  const polled = await withDeadline(signal, timeoutMs, (sourceSignal) => source.poll({ zone, client: deps.client, signal: sourceSignal }));
  // A poll cut short by shutdown says nothing about the source: leave its slot as it was.
  if (signal.aborted) return { ok: false, verdict: { zoneId: zone.id, auth: "unknown", message: null }, deferredLog: null };
  if ("timedOut" in polled) {
    const failure = { reason: "timeout" as const, message: `no complete answer within ${timeoutMs / 1000} s (cloudflare.source_timeout_seconds); gave up on this source for this cycle` };
    return recordFailedPoll(deps, zone, source, failure, "unknown");
  }
  if ("error" in polled) return recordFailedPoll(deps, zone, source, classify(polled.error), authVerdictOf(polled.error));
  try {
    const { settings, invalid } = polled.value;
    const { items, duplicates } = separateDuplicateIds(polled.value.items);
    const records = await buildRecords(zone, source.name, items, deps.pems);
    // Parsing yields to the event loop; a shutdown meanwhile leaves the slot as it was.
    if (signal.aborted) return { ok: false, verdict: { zoneId: zone.id, auth: "unknown", message: null }, deferredLog: null };
    deps.inventory.recordSuccess(zone, source.name, records, deps.clock.now(), settings);
    if (invalid) deps.inventory.countInvalid(zone.id, source.name, invalid);
    reportWorkarounds(deps.logger, zone, source.name, invalid, duplicates);
    for (const r of records) {
      if (r.parseError) {
        deps.logger.warn({ zone: zone.name, source: source.name, cert_id: r.certId, hostname: r.hostname, error: r.parseError }, "PEM does not parse");
      }
    }
    return { ok: true, verdict: { zoneId: zone.id, auth: "accepted", message: null }, deferredLog: null };
  } catch (error) {
    return recordFailedPoll(deps, zone, source, classify(error), "unknown");
  }
}

function recordFailedPoll(deps: PollCycleDeps, zone: ZoneConfig, source: Source, failure: { reason: ErrorReason; message: string }, auth: PollVerdict["auth"]): PollOutcome {
  const { reason, message } = failure;
  deps.inventory.recordFailure(zone, source.name, { reason, message }, deps.clock.now());
  const log = () =>
    deps.logger.error({ zone: zone.name, zone_id: zone.id, source: source.name, reason, error: message }, "source poll failed; keeping its last known certificates");
  const verdict = { zoneId: zone.id, auth, message };
  // A 403 is logged after the cycle, once it is known whether the product or the token is missing.
  if (reason === "forbidden") return { ok: false, verdict, deferredLog: null };
  if (auth === "rejected") return { ok: false, verdict, deferredLog: log };
  log();
  return { ok: false, verdict, deferredLog: null };
}

function restingUnavailable(deps: PollCycleDeps, zone: ZoneConfig, source: Source, now: number): boolean {
  const health = deps.inventory.healthOf(zone.id, source.name);
  return health !== undefined && health.unavailable && now - health.lastAttemptAt < UNAVAILABLE_RETRY_MS;
}

/**
 * A 403 from one source while another source of the same zone works means the zone lacks that
 * product (ACM, SSL for SaaS), not that the token is wrong: mark it unavailable and say so once.
 * When every source of a zone answers 403, the token is the problem and it stays a plain failure
 * (logged per source, unless the token was refused by every zone and that was said once already).
 */
function markUnavailableSources(deps: PollCycleDeps, zone: ZoneConfig, cycleStart: number, credentialsRejected: boolean): void {
  const health = zone.sources.map((source) => deps.inventory.healthOf(zone.id, source)).filter((h) => h !== undefined);
  const zoneWorks = health.some((h) => h.up);
  for (const h of health) {
    const forbidden = !h.up && h.lastError?.reason === "forbidden";
    const unavailable = zoneWorks && forbidden;
    const where = { zone: zone.name, zone_id: zone.id, source: h.source, reason: "forbidden", error: h.lastError?.message };
    if (deps.inventory.setUnavailable(zone.id, h.source, unavailable) && unavailable) {
      deps.logger.warn(where, "source answers 403 for this zone while others work: the zone probably lacks the product; asking again hourly");
    } else if (forbidden && !unavailable && h.lastAttemptAt >= cycleStart && !credentialsRejected) {
      deps.logger.error(where, "source poll failed: the token may not read this zone; keeping its last known certificates");
    }
  }
}

function classify(error: unknown): { reason: ErrorReason; message: string } {
  if (error instanceof CloudflareApiError) return { reason: error.reason, message: error.message };
  // Anything else is a bug in mapping an answer we did not expect; count it as a bad answer.
  return { reason: "invalid_response", message: error instanceof Error ? error.message : String(error) };
}
