// Prints how many certificates per second parsePem handles, cold and through the PemCache
// (a cycle where nothing changed), and the longest the event loop is held while a source of
// 10,000 certificates is turned into records. Run: npm run bench
import { buildRecords } from "../src/inventory/build-records.js";
import type { SourceItem } from "../src/model/index.js";
import { parsePem } from "../src/pem/parse-pem.js";
import { PemCache } from "../src/pem/pem-cache.js";
import { TimeSlice } from "../src/pem/time-slice.js";
import { mintCertificate } from "../dev/simulator/mint.js";

const COUNT = Number(process.env.BENCH_COUNT ?? 5000);
const EVENT_LOOP_COUNT = 10_000;
const ROUNDS = 5;
const DAY = 86_400_000;

const distinct = await Promise.all(
  Array.from({ length: 50 }, (_, i) =>
    mintCertificate({ commonName: `bench-${i}.example.com`, notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + 90 * DAY), sans: [`bench-${i}.example.com`] }),
  ),
);
// Distinct texts, so the cold rounds never hit an identical string.
const distinctPems = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => distinct[i % distinct.length]!.pem + " ".repeat(Math.floor(i / distinct.length)));
const pems = distinctPems(COUNT);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function rate(run: () => Promise<void>): Promise<number> {
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const t0 = process.hrtime.bigint();
    await run();
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    rates.push(COUNT / seconds);
  }
  return median(rates);
}

interface Blocking {
  /** The longest wall-clock stretch between two turns of the event loop, in ms. */
  blockMs: number;
  /**
   * The longest stretch counting only busy time: wall clock capped by the CPU time the process
   * used in it, so moments the shared machine gave to other processes are left out.
   */
  busyBlockMs: number;
  totalMs: number;
}

/** How long the event loop is held while `work` runs. */
async function measureBlocking(work: () => Promise<unknown>): Promise<Blocking> {
  const result: Blocking = { blockMs: 0, busyBlockMs: 0, totalMs: 0 };
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  const tick = (): void => {
    const t = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    result.blockMs = Math.max(result.blockMs, t - last);
    result.busyBlockMs = Math.max(result.busyBlockMs, Math.min(t - last, (cpu.user + cpu.system) / 1000));
    last = t;
    lastCpu = process.cpuUsage();
  };
  const timer = setInterval(tick, 1);
  const started = performance.now();
  await work();
  result.totalMs = performance.now() - started;
  clearInterval(timer);
  tick();
  return result;
}

// One slice for a whole round, as buildRecords does: it yields only when its budget is spent.
const cold = await rate(async () => {
  const slice = new TimeSlice();
  for (const pem of pems) if (!(await parsePem(pem, slice)).ok) throw new Error("bench PEM did not parse");
});
const cache = new PemCache();
for (const pem of pems) await cache.parse(pem);
const warm = await rate(async () => {
  const slice = new TimeSlice();
  for (const pem of pems) await cache.parse(pem, slice);
});

const zone = { id: "bench-zone", name: "bench.example.com", hostnames: [] };
const items: SourceItem[] = distinctPems(EVENT_LOOP_COUNT).map((pem, i) => ({
  certId: `cert-${i}`,
  hostname: "",
  status: "active",
  apiExpiresOn: null,
  pem,
  apiIssuer: null,
  attributes: {},
}));
const loop = await measureBlocking(() => buildRecords(zone, "custom_certificate", items, new PemCache()));

console.log(`parsePem, cold:        ${Math.round(cold)} certificates/s (median of ${ROUNDS} rounds of ${COUNT})`);
console.log(`PemCache, unchanged:   ${Math.round(warm)} certificates/s (median of ${ROUNDS} rounds of ${COUNT})`);
console.log(
  `event loop, buildRecords of ${EVENT_LOOP_COUNT} distinct PEMs: longest block ${loop.blockMs.toFixed(1)} ms wall, ` +
    `${loop.busyBlockMs.toFixed(1)} ms busy (budget 50 ms; whole run ${Math.round(loop.totalMs)} ms)`,
);
