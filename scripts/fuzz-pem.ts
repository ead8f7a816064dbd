// Feeds mutated PEMs to parsePem and fails on a crash, a result with impossible dates, an item
// that holds the event loop too long, or a hang. Reproducible from its seed.
//   npm run fuzz -- [--count 100000] [--seed 1] [--limit-ms 100] [--item N]
// --item N prints item N of the run (its text, mutations and result) instead of running them all.
// Time is busy time (CPU, capped by the wall clock), so other load on the machine does not count.
// An item is over time when parsePem holds the event loop longer than --limit-ms at a stretch, or
// takes more than ten times that in all (a 64-certificate bundle is sliced, so it may take longer
// than one stretch); "max ms" is the busiest item, "max block ms" the longest stretch.
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { parsePem } from "../src/pem/parse-pem.js";
import { loadCorpus } from "./fuzz-pem/corpus.js";
import { type FuzzOptions, type FuzzSummary, itemAt, runFuzz } from "./fuzz-pem/run.js";

/** No item may take this long: the parser is stuck, and the watchdog ends the run. */
const HANG_MS = 30_000;

function summaryLine(s: FuzzSummary, seconds: number, seed: number): string {
  return (
    `fuzz-pem: items ${s.items}, ok ${s.ok}, unparsable ${s.unparsable}, crashes ${s.crashes}, bad results ${s.badResults}, ` +
    `over-time ${s.overTime}, max ms ${s.maxItemMs.toFixed(1)} (item ${s.maxItemIndex}), max block ms ${s.maxBlockMs.toFixed(1)} (item ${s.maxBlockIndex}), ` +
    `seed ${seed}, ${seconds.toFixed(1)} s`
  );
}

function readOptions(): FuzzOptions & { item: number | null } {
  const { values } = parseArgs({
    options: { count: { type: "string", default: "100000" }, seed: { type: "string", default: "1" }, "limit-ms": { type: "string", default: "100" }, item: { type: "string" } },
  });
  const number = (name: string, text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} wants a whole number, got ${text}`);
    return value;
  };
  return {
    count: number("count", values.count),
    seed: number("seed", values.seed),
    limitMs: number("limit-ms", values["limit-ms"]),
    item: values.item === undefined ? null : number("item", values.item),
  };
}

async function showItem(options: FuzzOptions, index: number): Promise<void> {
  const item = itemAt(options, index, loadCorpus());
  console.log(`item ${index} of seed ${options.seed}: ${item.mutations.join(", ")}; ${item.text.length} characters`);
  console.log(JSON.stringify(item.text.length > 4000 ? `${item.text.slice(0, 4000)}…` : item.text));
  console.log(JSON.stringify(await parsePem(item.text), null, 2));
}

/**
 * A stuck parser blocks this thread's timers, so the watchdog lives on a thread of its own: it
 * watches the index of the item being parsed and ends the process when it stops moving.
 * Plain JavaScript, so the thread needs no TypeScript loader.
 */
const WATCHDOG = `
const { workerData } = require("node:worker_threads");
const { writeSync } = require("node:fs");
const index = new Int32Array(workerData.progress);
let last = -1;
let since = Date.now();
setInterval(() => {
  const now = Atomics.load(index, 0);
  if (now !== last) [last, since] = [now, Date.now()];
  if (Date.now() - since < workerData.hangMs) return;
  writeSync(2, "fuzz-pem: HANG on item " + now + " (no progress for " + workerData.hangMs / 1000 + " s); reproduce: npm run fuzz -- --seed " + workerData.seed + " --item " + now + "\\n");
  process.kill(process.pid, "SIGKILL");
}, 1000);
`;

async function run(options: FuzzOptions): Promise<void> {
  const progress = new SharedArrayBuffer(4);
  const watchdog = new Worker(WATCHDOG, { eval: true, workerData: { progress, hangMs: HANG_MS, seed: options.seed } });
  watchdog.unref();
  const started = performance.now();
  const summary = await runFuzz(options, loadCorpus(), new Int32Array(progress), (line) => console.error(line));
  await watchdog.terminate();
  console.log(summaryLine(summary, (performance.now() - started) / 1000, options.seed));
  if (summary.crashes + summary.badResults + summary.overTime > 0) {
    console.log(`reproduce one: npm run fuzz -- --seed ${options.seed} --item ${summary.failures[0]?.index}`);
    process.exitCode = 1;
  }
}

const { item, ...options } = readOptions();
if (item === null) await run(options);
else await showItem(options, item);
