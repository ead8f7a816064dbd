// The fuzz loop: makes each item, times parsePem on it and checks what comes back.
import { MAX_BUNDLE_BYTES } from "../../src/pem/bundle-limits.js";
import { parsePem } from "../../src/pem/parse-pem.js";
import type { PemParseResult } from "../../src/model/index.js";
import { TimeSlice } from "../../src/pem/time-slice.js";
import type { FuzzCorpus } from "./corpus.js";
import { type FuzzItem, makeItem } from "./mutations.js";
import { Prng } from "./prng.js";

export interface FuzzOptions {
  count: number;
  seed: number;
  /** The longest parsePem may hold the event loop on one item; a whole item may take ten times that. */
  limitMs: number;
}

export interface Failure {
  index: number;
  kind: "crash" | "bad result" | "over time";
  detail: string;
  mutations: string[];
}

export interface FuzzSummary {
  items: number;
  ok: number;
  unparsable: number;
  crashes: number;
  badResults: number;
  overTime: number;
  maxItemMs: number;
  maxItemIndex: number;
  maxBlockMs: number;
  maxBlockIndex: number;
  failures: Failure[];
}

const FAILURES_KEPT = 20;

/** Milliseconds the process was busy since `since`: CPU time of all its threads, capped by wall time. */
class BusyClock {
  private wall = performance.now();
  private cpu = process.cpuUsage();

  /**
   * An upper bound on how long the main thread was busy: it cannot have run longer than the wall
   * clock, nor longer than the whole process had the CPU. Time the shared machine gave to other
   * processes is left out, so a descheduled moment does not read as a slow parse.
   */
  elapsedMs(): number {
    const cpu = process.cpuUsage(this.cpu);
    return Math.min(performance.now() - this.wall, (cpu.user + cpu.system) / 1000);
  }

  restart(): void {
    this.wall = performance.now();
    this.cpu = process.cpuUsage();
  }
}

/** A TimeSlice that also records the longest stretch of work between two checkpoints. */
class MeasuredSlice extends TimeSlice {
  longestMs = 0;
  private stretch = new BusyClock();

  override async checkpoint(): Promise<void> {
    this.finishStretch();
    await super.checkpoint();
    this.stretch.restart();
  }

  finishStretch(): void {
    this.longestMs = Math.max(this.longestMs, this.stretch.elapsedMs());
  }
}

interface Timed {
  result: PemParseResult | { thrown: unknown };
  /** Busy time of the whole item (see BusyClock). */
  totalMs: number;
  /** Longest busy stretch without a turn of the event loop. */
  blockMs: number;
}

async function timeParse(text: string): Promise<Timed> {
  const slice = new MeasuredSlice();
  const item = new BusyClock();
  let result: Timed["result"];
  try {
    result = await parsePem(text, slice);
  } catch (thrown) {
    result = { thrown };
  }
  slice.finishStretch();
  return { result, totalMs: item.elapsedMs(), blockMs: slice.longestMs };
}

/** What is wrong with a result, or null when it keeps parsePem's promises. */
export function problemWith(text: string, result: PemParseResult): string | null {
  if (result.ok && Buffer.byteLength(text) > MAX_BUNDLE_BYTES) return "accepted an object over 1 MiB";
  if (!result.ok) return typeof result.error === "string" && result.error.length > 0 ? null : "unparsable without a reason";
  const c = result.certificate;
  const dates = [c.notBefore, c.notAfter, c.chainNotAfter, ...c.chain.flatMap((m) => [m.notBefore, m.notAfter])];
  if (!dates.every(Number.isFinite)) return `a date is not finite: ${JSON.stringify(dates.slice(0, 6))}`;
  if (c.chain.length < 1 || c.chain.length > 64) return `chain of ${c.chain.length} certificates`;
  if (c.chainNotAfter !== Math.min(...c.chain.map((m) => m.notAfter))) return "chainNotAfter is not the earliest notAfter";
  return null;
}

export function itemAt(options: Pick<FuzzOptions, "seed">, index: number, corpus: FuzzCorpus): FuzzItem {
  return makeItem(Prng.forItem(options.seed, index), corpus);
}

/** Runs the items; `progress[0]` holds the index being parsed, for a watchdog on another thread. */
export async function runFuzz(options: FuzzOptions, corpus: FuzzCorpus, progress: Int32Array, report: (line: string) => void): Promise<FuzzSummary> {
  const summary: FuzzSummary = { items: 0, ok: 0, unparsable: 0, crashes: 0, badResults: 0, overTime: 0, maxItemMs: 0, maxItemIndex: -1, maxBlockMs: 0, maxBlockIndex: -1, failures: [] };
  const fail = (failure: Failure): void => {
    if (summary.failures.length < FAILURES_KEPT) summary.failures.push(failure);
    report(`item ${failure.index}: ${failure.kind}: ${failure.detail} (mutations: ${failure.mutations.join(", ")})`);
  };
  const overTime = (t: Timed): boolean => t.blockMs > options.limitMs || t.totalMs > 10 * options.limitMs;

  for (let index = 0; index < options.count; index += 1) {
    const item = itemAt(options, index, corpus);
    Atomics.store(progress, 0, index);
    let timed = await timeParse(item.text);
    // A GC pause or JIT warm-up can land on any item: only an item slow twice counts.
    if (overTime(timed)) timed = await timeParse(item.text);
    summary.items += 1;
    if (timed.totalMs > summary.maxItemMs) Object.assign(summary, { maxItemMs: timed.totalMs, maxItemIndex: index });
    if (timed.blockMs > summary.maxBlockMs) Object.assign(summary, { maxBlockMs: timed.blockMs, maxBlockIndex: index });
    if (overTime(timed)) {
      summary.overTime += 1;
      fail({ index, kind: "over time", detail: `${timed.totalMs.toFixed(1)} ms in all, ${timed.blockMs.toFixed(1)} ms without yielding`, mutations: item.mutations });
    }
    if ("thrown" in timed.result) {
      summary.crashes += 1;
      fail({ index, kind: "crash", detail: String(timed.result.thrown), mutations: item.mutations });
      continue;
    }
    const problem = problemWith(item.text, timed.result);
    if (problem) {
      summary.badResults += 1;
      fail({ index, kind: "bad result", detail: problem, mutations: item.mutations });
    }
    if (timed.result.ok) summary.ok += 1;
    else summary.unparsable += 1;
    if ((index + 1) % 10_000 === 0) report(`... ${index + 1} items`);
  }
  return summary;
}
