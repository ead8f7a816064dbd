// Prints what a /metrics scrape costs at a large account's size: latency p50/p95, server CPU
// per scrape, bytes and series, plain and gzip; the scrape after a full sweep and after one
// zone changed; RSS idle and under 2 scrapes/s; idle CPU. Not a timed test: figures depend on
// the machine. Run: npm run bench:metrics (BENCH_RECORDS, BENCH_ZONES, BENCH_SCRAPES,
// BENCH_STEADY_SECONDS, BENCH_IDLE_SECONDS change the sizes).
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { request } from "undici";
import { runServer, type ServerRequest, type Usage } from "./metrics/server.js";

const RECORDS = Number(process.env.BENCH_RECORDS ?? 10_820);
const ZONES = Number(process.env.BENCH_ZONES ?? 1_000);
const SCRAPES = Number(process.env.BENCH_SCRAPES ?? 200);
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 30);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 20);

if (process.env.BENCH_METRICS_ROLE === "server") {
  await runServer(ZONES, RECORDS);
} else {
  await main();
}

async function main(): Promise<void> {
  const child = fork(new URL(import.meta.url).pathname, [], { env: { ...process.env, BENCH_METRICS_ROLE: "server" }, stdio: "inherit" });
  const [ready] = (await once(child, "message")) as [{ url: string; baselineRss: number } & Usage];
  const ask = async (kind: ServerRequest["kind"]): Promise<Usage> => {
    child.send({ kind });
    const [usage] = (await once(child, "message")) as [Usage];
    return usage;
  };
  try {
    console.log(`certwatch /metrics benchmark: ${RECORDS} records in ${ZONES} zones, node ${process.version}, ${process.platform}/${process.arch}`);
    console.log(`RSS of the server process: ${mb(ready.baselineRss)} before any certificate (node, tsx, modules); ${mb(ready.rssBytes)} with the inventory filled, before any scrape`);
    const url = `${ready.url}/metrics`;

    const first = await timed(ask, () => scrape(url, false));
    console.log(`first scrape (every zone built): ${first.ms.toFixed(1)} ms wall, ${first.cpuMs.toFixed(1)} ms CPU; RSS ${mb((await ask("usage")).rssBytes)}`);
    await ask("refill");
    const sweep = await timed(ask, () => scrape(url, false));
    console.log(`scrape after a full sweep changed every zone: ${sweep.ms.toFixed(1)} ms wall, ${sweep.cpuMs.toFixed(1)} ms CPU; RSS ${mb((await ask("usage")).rssBytes)}`);
    await scrape(url, true); // the gzip of this body is made once, here
    console.log(`after the first gzip scrape (every group compressed): RSS ${mb((await ask("usage")).rssBytes)}`);
    for (const gzip of [false, true]) {
      const changes: Array<{ ms: number; cpuMs: number }> = [];
      for (let i = 0; i < 20; i++) {
        await ask("touch-zone");
        changes.push(await timed(ask, () => scrape(url, gzip)));
      }
      const ms = changes.map((c) => c.ms).sort((a, b) => a - b);
      const cpu = changes.map((c) => c.cpuMs).sort((a, b) => a - b);
      console.log(`${gzip ? "gzip " : "plain"} scrape after one zone changed (median of 20): ${pct(ms, 0.5).toFixed(1)} ms wall, ${pct(cpu, 0.5).toFixed(1)} ms CPU`);
    }

    for (const gzip of [false, true]) {
      const body = await scrape(url, gzip);
      const before = await ask("usage");
      const latencies: number[] = [];
      for (let i = 0; i < SCRAPES; i++) latencies.push((await scrapeTimed(url, gzip)).ms);
      const after = await ask("usage");
      latencies.sort((a, b) => a - b);
      const series = gzip ? null : body.text.split("\n").filter((l) => l && !l.startsWith("#")).length;
      console.log(
        `${gzip ? "gzip " : "plain"}: p50 ${pct(latencies, 0.5).toFixed(2)} ms, p95 ${pct(latencies, 0.95).toFixed(2)} ms, ` +
          `CPU ${((after.cpuMs - before.cpuMs) / SCRAPES).toFixed(2)} ms/scrape, ${(body.bytes / 1024).toFixed(0)} KiB` +
          (series === null ? "" : `, ${series} series`) +
          ` (${SCRAPES} scrapes); RSS ${mb(after.rssBytes)}`,
      );
    }

    let maxRss = 0;
    const steadyStart = await ask("usage");
    for (let i = 0; i < STEADY_SECONDS * 2; i++) {
      const started = performance.now();
      await scrape(url, i % 2 === 0);
      maxRss = Math.max(maxRss, (await ask("usage")).rssBytes);
      await sleep(Math.max(0, 500 - (performance.now() - started)));
    }
    const steadyEnd = await ask("usage");
    console.log(
      `2 scrapes/s for ${STEADY_SECONDS} s (alternating plain and gzip): RSS max ${mb(maxRss)}, at end ${mb(steadyEnd.rssBytes)}, ` +
        `CPU ${(((steadyEnd.cpuMs - steadyStart.cpuMs) / (STEADY_SECONDS * 1000)) * 100).toFixed(2)}% of a core`,
    );

    const idleStart = await ask("usage");
    await sleep(IDLE_SECONDS * 1000);
    const idleEnd = await ask("usage");
    const idlePct = ((idleEnd.cpuMs - idleStart.cpuMs) / (IDLE_SECONDS * 1000)) * 100;
    console.log(
      `idle for ${IDLE_SECONDS} s (metrics and HTTP server only, no scheduler): CPU ${idlePct.toFixed(3)}% of a core, ` +
        `RSS ${mb(idleEnd.rssBytes)} (JS heap ${mb(idleEnd.heapUsedBytes)} used of ${mb(idleEnd.heapTotalBytes)}, buffers ${mb(idleEnd.arrayBuffersBytes)})`,
    );
  } finally {
    child.send({ kind: "stop" } satisfies ServerRequest);
    await onceExited(child);
  }
}

async function scrape(url: string, gzip: boolean): Promise<{ bytes: number; text: string }> {
  const response = await request(url, { headers: gzip ? { "accept-encoding": "gzip" } : {} });
  const body = Buffer.from(await response.body.arrayBuffer());
  if (response.statusCode !== 200) throw new Error(`/metrics answered ${response.statusCode}`);
  if (gzip !== (response.headers["content-encoding"] === "gzip")) throw new Error("unexpected content-encoding");
  return { bytes: body.length, text: gzip ? "" : body.toString() };
}

async function scrapeTimed(url: string, gzip: boolean): Promise<{ ms: number }> {
  const started = performance.now();
  await scrape(url, gzip);
  return { ms: performance.now() - started };
}

async function timed(ask: (kind: ServerRequest["kind"]) => Promise<Usage>, run: () => Promise<unknown>): Promise<{ ms: number; cpuMs: number }> {
  const before = await ask("usage");
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  const after = await ask("usage");
  return { ms, cpuMs: after.cpuMs - before.cpuMs };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function onceExited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null ? Promise.resolve() : once(child, "exit").then(() => undefined);
}
