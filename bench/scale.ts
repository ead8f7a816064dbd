// `npm run bench:scale`: certwatch against a simulated large account, a benchmark (not a timed
// test). For each case it prints requests against the minimum, the first sweep against
// requests ÷ budget, time to /readyz and to the first alert, /metrics latency, CPU, size and
// series, the daemon's RSS idle and while scraped twice a second, its idle CPU and the status
// page; then one markdown table.
//
// Processes: the daemon runs alone in a child process (bench/scale/daemon-child.mjs, plain node
// on src/ compiled by tsc into a temporary directory, given its Config over IPC), so its RSS and
// CPU (process.memoryUsage/cpuUsage, asked for over IPC) are those of compiled JavaScript as in
// production and exclude the simulator, the webhook receiver and the scraper, which run here.
// The child is not dist/main.js: the config is loaded and checked here and then its request
// budget is scaled past the loader's 1..1200 (time compression), which a config file cannot say.
//
// Time compression: the budget is `--compress` times 600/5 min (the setting); the
// simulator's Ratelimit headers count down from the same scaled quota. The pacer's window
// stays 300 s, so a sweep shorter than that is limited by throughput rather than by the budget:
// the table gives the measured rate and its ratio to requests ÷ budget.
//
//   npm run bench:scale -- [--case a|b|c|all] [--zones N --objects M] [--hostnames N]
//                          [--quick] [--compress 100] [--scrape-seconds 60] [--idle-seconds 30]
//                          [--reuse-build]  (run the daemon compiled by the previous run)
//
// One case alone: --case a (1,000 zones × 8). The scrape window is --scrape-seconds long (60 by
// default; the "steady under 2 scrapes a second for 10 minutes" is --scrape-seconds 600):
// the table gives the largest RSS of each minute of it, so growth shows, and RSS split into
// anonymous memory and file-backed pages (the node binary's code and ICU data that ran).
//
// Profiling: BENCH_PROFILE_SCRAPES=<dir> writes a CPU profile of the daemon over the scrape
// window alone (<dir>/scrapes-case-a.cpuprofile, for Chrome DevTools); the CPU per scrape of
// such a run includes the profiler's own cost. BENCH_DAEMON_NODE_OPTIONS passes node flags to
// the daemon child (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" for the whole run).
//
// Schedule: the daemon's cron is an hourly minute half an hour away (bench-config.ts), so no
// tick falls inside the idle or scrape window; after them a second sweep is asked for over IPC
// (daemon.pollNow) and the daemon's RSS is sampled while it runs.
//
// (a) 1,000 zones × 8 objects, (b) 20 zones × 500, (c) one zone of 100,000 custom hostnames in
// summary mode. --zones/--objects replace (a) and (b) with that one shape; --quick shrinks every
// case for a smoke run. Traffic stays on 127.0.0.1; the run stops by itself.
import { cpus, freemem, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { compileDaemon } from "./scale/daemon-process.js";
import { markdownTable } from "./scale/report.js";
import { runCase, type CaseResult, type CaseSettings, type CaseSpec } from "./scale/run-case.js";

const NOMINAL_BUDGET = 600;
const TIME_LIMIT_MS = 30 * 60_000;

const { values } = parseArgs({
  options: {
    case: { type: "string", default: "all" },
    zones: { type: "string" },
    objects: { type: "string" },
    hostnames: { type: "string" },
    quick: { type: "boolean", default: false },
    compress: { type: "string", default: "100" },
    "scrape-seconds": { type: "string" },
    "idle-seconds": { type: "string" },
    "reuse-build": { type: "boolean", default: false },
  },
  strict: true,
});

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${raw}"`);
  return n;
}

function cases(): CaseSpec[] {
  const quick = values.quick;
  const custom = values.zones !== undefined || values.objects !== undefined;
  const shapes: CaseSpec[] = custom
    ? [{ key: "custom", zones: positive("zones", values.zones, 20), objects: positive("objects", values.objects, 8), summary: false }]
    : [
        { key: "a", zones: quick ? 100 : 1000, objects: 8, summary: false },
        { key: "b", zones: quick ? 4 : 20, objects: quick ? 100 : 500, summary: false },
      ];
  const saas: CaseSpec = { key: "c", zones: 1, objects: 0, saasHostnames: positive("hostnames", values.hostnames, quick ? 5_000 : 100_000), summary: true };
  const all = [...shapes, saas];
  if (values.case === "all") return all;
  const chosen = all.filter((c) => c.key === values.case || (custom && values.case !== "c"));
  if (!chosen.length) throw new Error(`--case must be a, b, c or all, got "${values.case}"`);
  return chosen;
}

async function main(): Promise<void> {
  const limit = setTimeout(() => {
    console.error(`bench:scale: stopped after ${TIME_LIMIT_MS / 60_000} min`);
    process.exit(2);
  }, TIME_LIMIT_MS);
  limit.unref();
  const compress = positive("compress", values.compress, 100);
  const settings: CaseSettings = {
    compiled: compileDaemon(values["reuse-build"]),
    budgetPer5m: NOMINAL_BUDGET * compress,
    scrapeSeconds: positive("scrape-seconds", values["scrape-seconds"], values.quick ? 6 : 60),
    idleSeconds: positive("idle-seconds", values["idle-seconds"], values.quick ? 4 : 30),
    sweepTimeoutMs: values.quick ? 120_000 : 600_000,
  };
  const say = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
  say(`machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} free), node ${process.version}`);
  say(`budget: ${NOMINAL_BUDGET}/5 min × ${compress} = ${settings.budgetPer5m}/5 min; scraping ${settings.scrapeSeconds} s at 2/s; idle ${settings.idleSeconds} s`);
  const results: CaseResult[] = [];
  for (const spec of cases()) {
    const result = await runCase(spec, settings, say);
    results.push(result);
    if (result.daemonLogs.length) say(`case ${spec.key}: the daemon logged (first ${result.daemonLogs.length}):\n  ${result.daemonLogs.join("\n  ")}`);
  }
  console.log(`\n${markdownTable(results)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
