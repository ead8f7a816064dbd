import type { ZoneConfig } from "../config/schema.js";
import type { Inventory } from "../inventory/inventory.js";
import type { Source } from "../stores/source.js";
import { needsEveryTick } from "./attention.js";
import type { SweepCost } from "./sweep-cost.js";
import { sourcesFor } from "./sweep-plan.js";
import type { ZoneWork } from "./sweep.js";

/**
 * Share of the budget's rate a tick plans to spend: the rest absorbs retries, the zone listing
 * and the pacer's arrival margin, so a planned sweep ends before the next tick.
 */
export const PLANNED_SHARE = 0.9;

export interface CadenceInput {
  /** The credential's zones, known ones in roster order. */
  zones: ZoneConfig[];
  polledIds: ReadonlySet<string>;
  sources: readonly Source[];
  inventory: Inventory;
  cost: SweepCost;
  now: number;
  intervalMs: number;
  maxStalenessMs: number;
  /** The credential's cloudflare.max_requests_per_5m. */
  maxPer5m: number;
}

export interface CadencePlan {
  /** Every zone (a zone with no source to read is still judged), zones with urgent pairs first. */
  work: ZoneWork[];
  requests: number;
  /** What must go out this tick: pairs refreshed every tick, and pairs that would otherwise pass max_staleness. */
  requiredRequests: number;
  /** Requests one tick may spend. */
  capacity: number;
  /** Pairs left for a later tick. */
  deferred: number;
  /** Pairs there are to read, this tick or later. */
  pairs: number;
  /** The oldest last success among the pairs read before, epoch ms; null when none was. */
  oldestSuccessAt: number | null;
}

interface Pair {
  zone: ZoneConfig;
  source: Source;
  cost: number;
  lastSuccessAt: number | null;
  urgent: boolean;
}

/**
 * What one tick reads for one credential. Pairs never read, whose last poll failed, or that hold
 * something in flight, broken or inside warning_days are read every tick. The others take turns,
 * the longest unread first, within what the budget allows per schedule interval; one that would
 * pass max_staleness before the next tick is read whatever the budget says. When the budget allows
 * everything, everything is read, as a plain sweep would.
 */
export function planCadence(input: CadenceInput): CadencePlan {
  const capacity = Math.floor((input.maxPer5m * input.intervalMs * PLANNED_SHARE) / 300_000);
  const pairs = candidatePairs(input);
  const chosen = new Set<Pair>();
  let requests = 0;
  let required = 0;
  const take = (pair: Pair, counts: boolean) => {
    chosen.add(pair);
    requests += pair.cost;
    // A pair never read is the first sweep's: its size is known to be large and says nothing about the budget.
    if (counts && pair.lastSuccessAt !== null) required += pair.cost;
  };
  for (const pair of pairs) if (pair.urgent) take(pair, true);
  const turns = pairs.filter((p) => !p.urgent).sort((a, b) => (a.lastSuccessAt ?? 0) - (b.lastSuccessAt ?? 0));
  for (const pair of turns) {
    const due = pair.lastSuccessAt === null || input.now + input.intervalMs - pair.lastSuccessAt >= input.maxStalenessMs;
    if (due) take(pair, true);
    else if (requests + pair.cost <= capacity) take(pair, false);
  }
  const successes = pairs.map((p) => p.lastSuccessAt).filter((t): t is number => t !== null);
  return {
    work: workOf(input.zones, pairs, chosen),
    requests,
    requiredRequests: required,
    capacity,
    deferred: pairs.length - chosen.size,
    pairs: pairs.length,
    oldestSuccessAt: successes.length ? Math.min(...successes) : null,
  };
}

function candidatePairs(input: CadenceInput): Pair[] {
  const pairs: Pair[] = [];
  for (const zone of input.zones) {
    if (!input.polledIds.has(zone.id)) continue;
    for (const source of sourcesFor(zone, input.sources, input.inventory, input.now)) {
      const health = input.inventory.healthOf(zone.id, source.name);
      const records = health ? (input.inventory.slotsOf(zone.id).find((s) => s.health.source === source.name)?.records ?? []) : [];
      const urgent = health === undefined || needsEveryTick(health, records, zone.thresholds, input.now);
      pairs.push({ zone, source, cost: input.cost.of(zone.id, source.name), lastSuccessAt: health?.lastSuccessAt ?? null, urgent });
    }
  }
  return pairs;
}

function workOf(zones: ZoneConfig[], pairs: Pair[], chosen: ReadonlySet<Pair>): ZoneWork[] {
  const byZone = new Map<string, { sources: Source[]; urgent: boolean }>();
  for (const pair of pairs) {
    if (!chosen.has(pair)) continue;
    const entry = byZone.get(pair.zone.id) ?? { sources: [], urgent: false };
    entry.sources.push(pair.source);
    entry.urgent ||= pair.urgent;
    byZone.set(pair.zone.id, entry);
  }
  const work = zones.map((zone) => ({ zone, sources: byZone.get(zone.id)?.sources ?? [], urgent: byZone.get(zone.id)?.urgent ?? false }));
  // Zones with something urgent first, so their alerts are judged first; otherwise roster order.
  const ordered = [...work.filter((w) => w.urgent), ...work.filter((w) => !w.urgent)];
  return ordered.map(({ zone, sources }) => ({ zone, sources }));
}
