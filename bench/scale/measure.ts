// What the bench measures against a running daemon over HTTP: readiness, scrapes of /metrics as
// Prometheus makes them (gzip asked for), and pages of the status page; with the daemon's own
// CPU and memory read through its process handle.
import { gunzipSync } from "node:zlib";
import { setTimeout as sleep } from "node:timers/promises";
import { request } from "undici";
import type { DaemonProcess, Usage } from "./daemon-process.js";

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Epoch ms of the first 200 from /readyz, or null past the deadline. */
export async function waitReady(url: string, deadline: number): Promise<number | null> {
  while (Date.now() < deadline) {
    try {
      const response = await request(`${url}/readyz`);
      await response.body.dump();
      if (response.statusCode === 200) return Date.now();
    } catch {
      // Not listening yet.
    }
    await sleep(50);
  }
  return null;
}

export interface Scrape {
  ms: number;
  wireBytes: number;
  bytes: number;
  series: number;
}

export async function scrapeMetrics(url: string): Promise<Scrape> {
  const started = performance.now();
  const response = await request(`${url}/metrics`, { headers: { "accept-encoding": "gzip" } });
  const body = Buffer.from(await response.body.arrayBuffer());
  const ms = performance.now() - started;
  const text = (response.headers["content-encoding"] === "gzip" ? gunzipSync(body) : body).toString("utf8");
  let series = 0;
  for (const line of text.split("\n")) if (line && !line.startsWith("#")) series += 1;
  return { ms, wireBytes: body.length, bytes: Buffer.byteLength(text), series };
}

export interface ScrapePhase {
  scrapes: Scrape[];
  /** Daemon CPU over the phase divided by the scrapes (idle work included), ms. */
  cpuPerScrapeMs: number;
  maxRss: number;
  /** The largest RSS sampled in each minute of the phase (the last one may be shorter): steady or growing. */
  maxRssByMinute: number[];
  /** The daemon's memory when the phase ended. */
  end: Usage;
}

/** `perSecond` scrapes a second for `seconds`, on a fixed schedule (a slow scrape does not delay the next). */
export async function scrapePhase(daemon: DaemonProcess, seconds: number, perSecond: number): Promise<ScrapePhase> {
  const before = await daemon.usage();
  const scrapes: Scrape[] = [];
  const start = Date.now();
  // [ms since the phase began, RSS]: sampled once a second.
  const rss: Array<[number, number]> = [[0, before.rss]];
  const pending: Array<Promise<void>> = [];
  const total = Math.round(seconds * perSecond);
  for (let i = 0; i < total; i += 1) {
    await sleep(Math.max(0, start + (i * 1000) / perSecond - Date.now()));
    pending.push(scrapeMetrics(daemon.url).then((s) => void scrapes.push(s)));
    if (i % perSecond === 0) rss.push([Date.now() - start, (await daemon.usage()).rss]);
  }
  await Promise.all(pending);
  const after = await daemon.usage();
  rss.push([Math.min(Date.now() - start, seconds * 1000 - 1), after.rss]);
  const end = await daemon.usage(true);
  const maxRssByMinute: number[] = [];
  for (const [at, value] of rss) {
    const minute = Math.floor(at / 60_000);
    maxRssByMinute[minute] = Math.max(maxRssByMinute[minute] ?? 0, value);
  }
  return {
    scrapes,
    cpuPerScrapeMs: (after.cpuMicros - before.cpuMicros) / 1000 / Math.max(1, scrapes.length),
    maxRss: Math.max(...rss.map(([, value]) => value)),
    maxRssByMinute: Array.from(maxRssByMinute, (value) => value ?? 0),
    end,
  };
}

export interface IdlePhase {
  /** Share of one core, percent. */
  cpuPercent: number;
  medianRss: number;
  medianHeapUsed: number;
  medianHeapTotal: number;
  medianExternal: number;
  /** The anonymous and file-backed parts of RSS, read once just after the window; null off Linux. */
  rssAnon: number | null;
  rssFile: number | null;
}

export async function idlePhase(daemon: DaemonProcess, seconds: number): Promise<IdlePhase> {
  const before: Usage = await daemon.usage();
  const beganAt = performance.now();
  const samples: Usage[] = [];
  for (let i = 0; i < seconds; i += 1) {
    await sleep(1000);
    samples.push(await daemon.usage());
  }
  const after = await daemon.usage();
  const elapsedMs = performance.now() - beganAt;
  const split = await daemon.usage(true);
  return {
    cpuPercent: ((after.cpuMicros - before.cpuMicros) / 1000 / elapsedMs) * 100,
    medianRss: percentile(samples.map((s) => s.rss), 50),
    medianHeapUsed: percentile(samples.map((s) => s.heapUsed), 50),
    medianHeapTotal: percentile(samples.map((s) => s.heapTotal), 50),
    medianExternal: percentile(samples.map((s) => s.external), 50),
    rssAnon: split.rssAnon,
    rssFile: split.rssFile,
  };
}

export interface SweepPhase {
  seconds: number;
  /** The daemon's largest RSS sampled while the sweep ran (every 250 ms) and just after it. */
  maxRss: number;
  /** RSS `settleSeconds` after the sweep ended (the snapshot rebuilt, the heap given back). */
  settledRss: number;
}

/** A sweep asked for now (what a schedule tick runs), with the daemon's RSS sampled while it runs. */
export async function sweepPhase(daemon: DaemonProcess, settleSeconds: number): Promise<SweepPhase> {
  const started = Date.now();
  let done = false;
  const finished = daemon.poll().then((at) => ((done = true), at));
  const rss: number[] = [];
  while (!done) {
    rss.push((await daemon.usage()).rss);
    await Promise.race([finished, sleep(250)]);
  }
  const endedAt = await finished;
  // The snapshot is rebuilt just after the sweep: sample through that too.
  while (Date.now() < endedAt + settleSeconds * 1000) {
    rss.push((await daemon.usage()).rss);
    await sleep(250);
  }
  return { seconds: (endedAt - started) / 1000, maxRss: Math.max(...rss), settledRss: (await daemon.usage()).rss };
}

export interface PageTiming {
  p50Ms: number;
  bytes: number;
}

/** The status page as a browser asks for it: the median of `times` requests. */
export async function statusPageTiming(url: string, path: string, times: number): Promise<PageTiming> {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < times; i += 1) {
    const started = performance.now();
    const response = await request(`${url}${path}`);
    bytes = (await response.body.arrayBuffer()).byteLength;
    ms.push(performance.now() - started);
  }
  return { p50Ms: percentile(ms, 50), bytes };
}
