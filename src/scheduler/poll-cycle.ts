import type { Logger } from "pino";
import { CloudflareApiError, type ErrorReason } from "../cloudflare/api-error.js";
import type { CloudflareClient } from "../cloudflare/client.js";
import { buildRecords } from "../inventory/build-records.js";
import type { Inventory } from "../inventory/inventory.js";
import type { OperationalMetrics } from "../metrics/operational-metrics.js";
import type { PemCache } from "../pem/pem-cache.js";
import type { Source, ZoneTarget } from "../sources/source.js";
import type { Clock } from "../clock/clock.js";

export type CycleOutcome = "success" | "partial" | "failure" | "aborted";

export interface PollCycleDeps {
  zones: ZoneTarget[];
  sources: readonly Source[];
  client: CloudflareClient;
  inventory: Inventory;
  pems: PemCache;
  metrics: OperationalMetrics;
  logger: Logger;
  clock: Clock;
}

/**
 * Polls every source of every zone once. A failing zone or source does not stop the others;
 * its last good records stay in the inventory and its health says it is down.
 */
export async function runPollCycle(deps: PollCycleDeps, signal: AbortSignal): Promise<CycleOutcome> {
  const started = deps.clock.now();
  const tasks = deps.zones.flatMap((zone) =>
    deps.sources.filter((source) => source.appliesTo?.(zone) ?? true).map((source) => pollOne(deps, zone, source, signal)),
  );
  const results = await Promise.all(tasks);
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

async function pollOne(deps: PollCycleDeps, zone: ZoneTarget, source: Source, signal: AbortSignal): Promise<boolean> {
  try {
    const items = await source.poll({ zone, client: deps.client, signal });
    const records = buildRecords(zone, source.name, items, deps.pems);
    deps.inventory.recordSuccess(zone, source.name, records, deps.clock.now());
    for (const r of records) {
      if (r.parseError) {
        deps.logger.warn({ zone: zone.name, source: source.name, cert_id: r.certId, hostname: r.hostname, error: r.parseError }, "PEM does not parse");
      }
    }
    return true;
  } catch (error) {
    const { reason, message } = classify(error, signal);
    deps.inventory.recordFailure(zone, source.name, { reason, message }, deps.clock.now());
    if (!signal.aborted) {
      deps.metrics.sourceErrors.inc({ zone: zone.name, zone_id: zone.id, source: source.name, reason });
      deps.logger.error({ zone: zone.name, zone_id: zone.id, source: source.name, reason, error: message }, "source poll failed; keeping its last known certificates");
    }
    return false;
  }
}

function classify(error: unknown, signal: AbortSignal): { reason: ErrorReason; message: string } {
  if (error instanceof CloudflareApiError) return { reason: error.reason, message: error.message };
  if (signal.aborted) return { reason: "network", message: "aborted by shutdown" };
  // Anything else is a bug in mapping an answer we did not expect; count it as a bad answer.
  return { reason: "invalid_response", message: error instanceof Error ? error.message : String(error) };
}
