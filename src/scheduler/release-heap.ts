import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * Growth of collectableMemory() over a sweep above which its end gives the memory back (bytes).
 * Small accounts (and the tests' many short sweeps) never grow it that much, so they never pay
 * for a collection they do not need. At 1,000 zones with --optimize-for-size the heap itself
 * grows little over a sweep and the rebuild's ~16 MB of zlib output chunks are most of it.
 */
const END_GROWTH_BYTES = 16 * 2 ** 20;

/** Growth while a sweep runs after which SweepHeapGuard runs a plain full collection (bytes). */
const GROWTH_BYTES = 32 * 2 ** 20;

type Collect = () => void;

let collect: Collect | null | undefined;

/**
 * A full collection, obtained once without a command-line flag (the way Jest's leak detector
 * does it): `--expose-gc` set at run time only adds the `gc` function to contexts created
 * afterwards, so a fresh vm context hands it over. Whatever starts certwatch (npm start, the
 * image, the `certwatch` bin, a test) gets the same behaviour. Null if this Node refuses.
 */
function collector(): Collect | null {
  if (collect !== undefined) return collect;
  try {
    setFlagsFromString("--expose-gc");
    const gc: unknown = runInNewContext("gc");
    collect = typeof gc === "function" ? (gc as Collect) : null;
  } catch {
    collect = null;
  }
  return collect;
}

/**
 * What a full collection can give back, now: the committed heap plus the memory JS objects hold
 * outside it (ArrayBuffers, Buffers). Taken when a sweep starts, for releaseSweepHeap.
 *
 * The outside part counts because the snapshot rebuild after a sweep leaves its zlib buffers
 * behind as garbage that only a collection frees (~14 MB at 1,000 zones), and a daemon whose
 * heap stayed small over the sweep (--optimize-for-size) would otherwise keep them while idle:
 * no collection runs when nothing allocates, and --no-memory-reducer schedules none.
 */
export function collectableMemory(): number {
  const { heapTotal, external } = process.memoryUsage();
  return heapTotal + external;
}

/**
 * Gives back the heap a sweep grew into. A sweep at 1,000 zones allocates fast enough that V8
 * grows the heap to ~150 MB for ~40 MB that stays live, and then keeps it: its memory reducer
 * waits for a quiet allocation rate that 2 scrapes a second never give it, so the daemon sat
 * at ~230 MB RSS between sweeps. A plain full collection frees the garbage but leaves the
 * survivors spread over most of the pages (it compacts a few MB at a time): old space stayed
 * at ~95 MB committed for ~39 MB live. So compaction is asked of this one collection
 * (`--compact-on-every-full-gc`, set just around it and reset at once), which moves the
 * survivors together and leaves whole pages to unmap: ~75 MB committed after it. It costs one
 * pause per sweep, 0.2-0.3 s at 1,000 zones on a shared core, once per schedule tick.
 *
 * `before`: collectableMemory() when the sweep started. Returns whether a collection ran.
 */
export function releaseSweepHeap(before: number, growthBytes = END_GROWTH_BYTES): boolean {
  if (collectableMemory() - before < growthBytes) return false;
  const gc = collector();
  if (!gc) return false;
  setFlagsFromString("--compact-on-every-full-gc");
  try {
    gc();
  } finally {
    setFlagsFromString("--no-compact-on-every-full-gc");
  }
  return true;
}

/** How often a running sweep checks the heap's growth (ms). */
const CHECK_EVERY_MS = 1_000;

/**
 * Keeps a long sweep's heap from growing without bound, then gives it back at the end. Reading
 * 100,000 custom hostnames, the old records stay live while the new ones arrive, and V8 let
 * the heap grow from ~90 to ~230 MB committed before its first full collection, most of it
 * page garbage; RSS peaked past 300 MB. Each time the committed heap has grown by
 * `growthBytes` since the last look, a plain full collection (no compaction: that waits for
 * the end) runs, so the sweep holds what is live plus at most that much garbage.
 */
export class SweepHeapGuard {
  private readonly before = collectableMemory();
  private mark = this.before;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly growthBytes = GROWTH_BYTES) {
    this.timer = setInterval(() => this.check(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  /** Call when the sweep (and its snapshot build) is done: stops watching and gives the heap back. */
  finish(): boolean {
    clearInterval(this.timer);
    return releaseSweepHeap(this.before);
  }

  private check(): void {
    if (collectableMemory() - this.mark < this.growthBytes) return;
    collector()?.();
    this.mark = collectableMemory();
  }
}
