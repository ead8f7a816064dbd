// The markdown table `npm run bench:scale` ends with: one column per case, one row per measure.
import { percentile } from "./measure.js";
import type { CaseResult } from "./run-case.js";

const MB = 1024 * 1024;

function fixed(value: number | null, digits = 1): string {
  return value === null || Number.isNaN(value) ? "n/a" : value.toFixed(digits);
}

function mb(bytes: number | null): string {
  return bytes === null ? "n/a" : fixed(bytes / MB, 0);
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KB`;
}

function workloadLabel(r: CaseResult): string {
  if (r.spec.saasHostnames) return `1 zone × ${r.spec.saasHostnames.toLocaleString("en")} custom hostnames${r.spec.summary ? " (summary)" : ""}`;
  return `${r.workload.zones.toLocaleString("en")} zones × ${r.spec.objects} objects`;
}

const ROWS: Array<[string, (r: CaseResult) => string]> = [
  ["certificate objects (distinct PEMs / objects with a PEM)", (r) => `${r.workload.objects.toLocaleString("en")} (${r.workload.distinctPems} / ${r.workload.pemObjects.toLocaleString("en")})`],
  ["requests in the first sweep / minimum", (r) => `${r.requests} / ${r.minimum} (${fixed(r.requests / r.minimum, 2)}×)`],
  ["budget (scaled) → requests ÷ budget", (r) => `${r.budgetPer5m.toLocaleString("en")}/5 min → ${fixed((r.requests / r.budgetPer5m) * 300)} s`],
  ["first sweep: time, measured rate, ratio to requests ÷ budget", (r) =>
    r.sweepSeconds === null ? "did not finish" : `${fixed(r.sweepSeconds)} s, ${fixed(r.requests / r.sweepSeconds, 0)} req/s, ${fixed(r.sweepSeconds / ((r.requests / r.budgetPer5m) * 300), 2)}×`],
  ["most requests in any 300 s / 429 answers", (r) => `${r.peakPer300s} / ${r.throttled}`],
  ["/readyz 200 after start", (r) => `${fixed(r.readySeconds)} s`],
  ["first alert (webhook) after start", (r) => (r.firstAlertSeconds === null ? "none" : `${fixed(r.firstAlertSeconds)} s`)],
  ["/metrics p50 / p95 (2 scrapes/s)", (r) => `${fixed(p(r, 50))} / ${fixed(p(r, 95))} ms`],
  ["daemon CPU per scrape", (r) => `${fixed(r.scraped.cpuPerScrapeMs, 2)} ms`],
  ["/metrics bytes: gzip / plain; series", (r) => {
    const last = r.scraped.scrapes.at(-1);
    return last ? `${kb(last.wireBytes)} / ${kb(last.bytes)}; ${last.series.toLocaleString("en")}` : "n/a";
  }],
  ["daemon RSS: before start / idle (median) / scraped (max)", (r) => `${fixed(r.rssBeforeStart / MB, 0)} / ${fixed(r.idle.medianRss / MB, 0)} / ${fixed(r.scraped.maxRss / MB, 0)} MB`],
  ["daemon RSS at the end of idle: anonymous / file-backed (node binary, libraries)", (r) => `${mb(r.idle.rssAnon)} / ${mb(r.idle.rssFile)} MB`],
  ["daemon RSS while scraped: max in each minute", (r) => `${r.scraped.maxRssByMinute.map((v) => fixed(v / MB, 0)).join(", ")} MB`],
  ["daemon RSS at the end of scraping: anonymous / file-backed; JS heap used / committed", (r) =>
    `${mb(r.scraped.end.rssAnon)} / ${mb(r.scraped.end.rssFile)} MB; ${fixed(r.scraped.end.heapUsed / MB, 0)} / ${fixed(r.scraped.end.heapTotal / MB, 0)} MB`],
  ["daemon JS heap used / committed; external (idle, median)", (r) => `${fixed(r.idle.medianHeapUsed / MB, 0)} / ${fixed(r.idle.medianHeapTotal / MB, 0)} MB; ${fixed(r.idle.medianExternal / MB, 0)} MB`],
  ["daemon idle CPU (share of one core)", (r) => `${fixed(r.idle.cpuPercent, 2)} %`],
  ["status page p50 / bytes: `?page=2`", (r) => `${fixed(r.page.p50Ms)} ms / ${kb(r.page.bytes)}`],
  ["status page p50 / bytes: `?state=warning`", (r) => `${fixed(r.filteredPage.p50Ms)} ms / ${kb(r.filteredPage.bytes)}`],
  ["second sweep (asked for): time / daemon RSS max during it / 5 s after", (r) => `${fixed(r.secondSweep.seconds)} s / ${fixed(r.secondSweep.maxRss / MB, 0)} / ${fixed(r.secondSweep.settledRss / MB, 0)} MB`],
];

function p(r: CaseResult, q: number): number {
  return percentile(r.scraped.scrapes.map((s) => s.ms), q);
}

export function markdownTable(results: CaseResult[]): string {
  const header = `| | ${results.map((r) => `(${r.spec.key}) ${workloadLabel(r)}`).join(" | ")} |`;
  const rule = `|---|${results.map(() => "---").join("|")}|`;
  const rows = ROWS.map(([label, cell]) => `| ${label} | ${results.map(cell).join(" | ")} |`);
  return [header, rule, ...rows].join("\n");
}
