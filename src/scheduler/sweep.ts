import { targetLabels } from "../model/index.js";
import type { ApiReader } from "../cloudflare/client.js";
import { ConcurrencyLimit } from "../cloudflare/concurrency-limit.js";
import type { ZoneConfig } from "../config/schema.js";
import { DEFAULTS } from "../config/schema.js";
import { slotKey } from "../inventory/inventory.js";
import type { OperationalMetrics } from "../metrics/operational-metrics.js";
import type { Source } from "../stores/source.js";
import { judgeCredentials, type PollVerdict } from "./credentials-check.js";
import { markUnavailableSources, pollOne, type PollDeps, type PollOutcome } from "./poll-one.js";
import type { SweepCost } from "./sweep-cost.js";

export type CycleOutcome = "success" | "partial" | "failure" | "aborted";

/** One zone of a sweep and the sources to read for it this time (none: only its alerts are judged). */
export interface ZoneWork {
  zone: ZoneConfig;
  sources: readonly Source[];
}

/** The zones one credential reads, through its own client (and so its own request budget). */
export interface SweepLane {
  credential: string;
  client: ApiReader;
  work: ZoneWork[];
}

export interface SweepDeps extends PollDeps {
  metrics: OperationalMetrics;
  /** Source polls at once per lane (cloudflare.concurrency), so a poll's time limit starts when it does, not in a queue. */
  pollConcurrency?: number;
  /** Learns what each (zone, source) costs; progress is weighed with it. */
  cost?: SweepCost;
  /** A zone's polls are done and in the inventory: its alerts can be judged now, not at the sweep's end. */
  onZoneDone?: (zone: ZoneConfig) => Promise<void>;
  /**
   * Drop the PEMs this sweep did not see from the cache (default true). A sweep that reads only
   * some pairs (adaptive cadence) leaves that to its caller, which knows when a rotation is done.
   */
  sweepPemCache?: boolean;
}

interface LaneResult {
  credential: string;
  polls: PollOutcome[];
  deferred: Array<() => void>;
}

/**
 * Reads the planned sources of every zone, zone after zone: a zone's sources are polled together
 * and the zone is handed on (onZoneDone) as soon as they finish, so the first zone's alerts never
 * wait for the last zone. A few zones are in flight at once to keep the client busy; polls queue
 * in zone order, so zones finish roughly in order. A failing zone or source does not stop the
 * others; its last good records stay in the inventory and its health says it is down.
 */
export async function runSweep(deps: SweepDeps, lanes: SweepLane[], signal: AbortSignal): Promise<CycleOutcome> {
  const started = deps.clock.now();
  const progress = new Progress(deps, lanes);
  const results = await Promise.all(lanes.map((lane) => runLane(deps, lane, started, progress, signal)));
  const polls = results.flatMap((r) => r.polls.filter((p) => p.counted));
  if (!signal.aborted) reportCredentials(deps, results);
  if (deps.sweepPemCache ?? true) deps.pems.sweep();
  const finished = deps.clock.now();
  deps.inventory.markCycleFinished(finished);

  const failed = polls.filter((p) => !p.ok).length;
  const outcome: CycleOutcome = signal.aborted ? "aborted" : failed === 0 ? "success" : failed === polls.length ? "failure" : "partial";
  deps.metrics.cycles.inc({ outcome });
  deps.metrics.cycleDuration.observe((finished - started) / 1000);
  deps.metrics.sweep.progress.set(1);
  if (!signal.aborted) deps.metrics.sweep.duration.set((finished - started) / 1000);
  deps.logger.info(
    { outcome, duration_ms: finished - started, zones: lanes.reduce((n, l) => n + l.work.length, 0), polls: polls.length, failed_polls: failed, requests: progress.requestsDone },
    "sweep finished",
  );
  return outcome;
}

async function runLane(deps: SweepDeps, lane: SweepLane, sweepStart: number, progress: Progress, signal: AbortSignal): Promise<LaneResult> {
  const concurrency = deps.pollConcurrency ?? DEFAULTS.concurrency;
  const polls = new ConcurrencyLimit(concurrency);
  const result: LaneResult = { credential: lane.credential, polls: [], deferred: [] };
  let next = 0;
  const worker = async () => {
    for (let work = lane.work[next++]; work !== undefined && !signal.aborted; work = lane.work[next++]) {
      result.polls.push(...(await sweepZone(deps, lane.client, work, polls, sweepStart, progress, signal, result.deferred)));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, lane.work.length) }, worker));
  return result;
}

async function sweepZone(
  deps: SweepDeps,
  client: ApiReader,
  { zone, sources }: ZoneWork,
  polls: ConcurrencyLimit,
  sweepStart: number,
  progress: Progress,
  signal: AbortSignal,
  deferred: Array<() => void>,
): Promise<PollOutcome[]> {
  const outcomes = await Promise.all(
    sources.map((source) =>
      polls.run(async () => {
        let requests = 0;
        const counting: ApiReader = { get: (...args) => ((requests += 1), client.get(...args)) };
        const outcome = await pollOne(deps, counting, zone, source, signal);
        if (outcome.ok) deps.cost?.record(zone.id, source.name, requests);
        progress.pollDone(zone.id, source, requests);
        return outcome;
      }),
    ),
  );
  if (signal.aborted) return outcomes;
  const forbiddenLog = markUnavailableSources(deps, zone, sweepStart);
  if (forbiddenLog) deferred.push(forbiddenLog);
  try {
    await deps.onZoneDone?.(zone);
  } catch (error) {
    deps.logger.error({ err: error, ...targetLabels(zone) }, "judging the zone's alerts failed");
  }
  return outcomes;
}

/**
 * After the sweep: a credential refused by every zone it reads is said once and loudly (its
 * per-source failures are then not logged one by one); otherwise the held-back lines go out.
 */
function reportCredentials(deps: SweepDeps, results: LaneResult[]): void {
  let rejected: Parameters<typeof deps.inventory.setCredentials>[0] | null = null;
  for (const lane of results) {
    const verdicts: PollVerdict[] = lane.polls.filter((p) => p.counted).map((p) => p.verdict);
    const credential = results.length > 1 ? lane.credential : undefined;
    if (judgeCredentials(verdicts, deps.inventory, deps.logger, credential)) {
      rejected ??= deps.inventory.credentials;
      continue;
    }
    for (const p of lane.polls) p.deferredLog?.();
    for (const log of lane.deferred) log();
  }
  // One refused credential is the state to show, even if another lane was judged after it.
  if (rejected) deps.inventory.setCredentials(rejected);
}

/** certwatch_sweep_progress_ratio, each poll weighed by what the plan expected it to cost. */
class Progress {
  private readonly weights = new Map<string, number>();
  private readonly planned: number;
  private done = 0;
  requestsDone = 0;

  constructor(
    private readonly deps: SweepDeps,
    lanes: SweepLane[],
  ) {
    let planned = 0;
    for (const lane of lanes) {
      for (const { zone, sources } of lane.work) {
        for (const source of sources) {
          const weight = deps.cost?.of(zone.id, source.name) ?? 1;
          this.weights.set(slotKey(zone.id, source.name), weight);
          planned += weight;
        }
      }
    }
    this.planned = planned;
    deps.metrics.sweep.progress.set(planned === 0 ? 1 : 0);
  }

  pollDone(zoneId: string, source: Source, requests: number): void {
    this.requestsDone += requests;
    this.done += this.weights.get(slotKey(zoneId, source.name)) ?? 0;
    this.deps.metrics.sweep.progress.set(this.planned === 0 ? 1 : Math.min(1, this.done / this.planned));
  }
}
