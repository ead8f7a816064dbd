// One benchmark case from start to stop: build the account, serve it from the simulator (in this
// process), start the daemon (in its own process), follow the first sweep, then measure idle,
// scraped and status-page behaviour. Every wait has a deadline, so a case always ends.
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startWebhookReceiver, type ReceivedWebhook } from "../../dev/demo/webhook-receiver.js";
import { startSimulator, type LoggedRequest } from "../../dev/simulator/server.js";
import { BENCH_TOKEN, benchConfig, benchSchedule } from "./bench-config.js";
import { startDaemonProcess } from "./daemon-process.js";
import { idlePhase, percentile, scrapePhase, statusPageTiming, sweepPhase, waitReady, type IdlePhase, type PageTiming, type ScrapePhase, type SweepPhase } from "./measure.js";
import { minimumRequests, saasWorkload, zonesWorkload, type Workload } from "./workload.js";

export interface CaseSpec {
  key: string;
  /** N zones of M objects, or one zone of `saasHostnames` custom hostnames. */
  zones: number;
  objects: number;
  saasHostnames?: number;
  summary: boolean;
}

export interface CaseSettings {
  /** src/ compiled (compileDaemon): what the daemon child runs. */
  compiled: string;
  budgetPer5m: number;
  scrapeSeconds: number;
  idleSeconds: number;
  sweepTimeoutMs: number;
}

export interface CaseResult {
  spec: CaseSpec;
  workload: Pick<Workload, "objects" | "distinctPems" | "pemObjects"> & { zones: number };
  budgetPer5m: number;
  minimum: number;
  /** Requests the simulator received up to the end of the first sweep. */
  requests: number;
  /** Null when the sweep did not finish before the timeout. */
  sweepSeconds: number | null;
  peakPer300s: number;
  throttled: number;
  readySeconds: number | null;
  firstAlertSeconds: number | null;
  rssBeforeStart: number;
  idle: IdlePhase;
  scraped: ScrapePhase;
  page: PageTiming;
  filteredPage: PageTiming;
  /** A second sweep, asked for after the measurements above (the schedule does not fire during the case). */
  secondSweep: SweepPhase;
  daemonLogs: string[];
}

export async function runCase(spec: CaseSpec, settings: CaseSettings, say: (line: string) => void): Promise<CaseResult> {
  const building = Date.now();
  const workload = spec.saasHostnames ? await saasWorkload(spec.saasHostnames) : await zonesWorkload(spec.zones, spec.objects);
  const minimum = minimumRequests(workload);
  say(`case ${spec.key}: ${workload.state.zones.length} zones, ${workload.objects} objects, ${workload.distinctPems} distinct PEMs (built in ${((Date.now() - building) / 1000).toFixed(1)} s); minimum ${minimum} requests`);
  const simulator = await startSimulator({ state: workload.state, apiToken: BENCH_TOKEN, rateLimitQuota: settings.budgetPer5m });
  let firstAlertAt: number | null = null;
  const receiver = await startWebhookReceiver({ onReceive: (r) => void (firstAlertAt ??= hasFiring(r) ? Date.now() : null) });
  const config = benchConfig(workload, { apiBaseUrl: simulator.baseUrl, webhookUrl: receiver.url, budgetPer5m: settings.budgetPer5m, summary: spec.summary, schedule: benchSchedule() });
  const daemon = await startDaemonProcess(settings.compiled, config);
  try {
    const readyAt = await waitReady(daemon.url, Date.now() + 60_000);
    const sweepEnd = await Promise.race([daemon.firstSweep, sleep(settings.sweepTimeoutMs).then(() => null)]);
    const sweepRequests = sweepEnd === null ? [...simulator.requests] : simulator.requests.filter((r) => r.at <= sweepEnd);
    const firstRequestAt = sweepRequests[0]?.at ?? daemon.startSentAt;
    say(`case ${spec.key}: first sweep ${sweepEnd === null ? "did not finish" : `took ${((sweepEnd - firstRequestAt) / 1000).toFixed(1)} s`}, ${sweepRequests.length} requests`);
    // Notifications of the first sweep go out now; let them land before measuring quiet.
    const settleUntil = Date.now() + 5_000;
    while (firstAlertAt === null && Date.now() < settleUntil) await sleep(100);
    await sleep(1_000);
    const idle = await idlePhase(daemon, settings.idleSeconds);
    // BENCH_PROFILE_SCRAPES=<dir>: a CPU profile of the daemon over the scrape window alone.
    const profileDir = process.env.BENCH_PROFILE_SCRAPES;
    if (profileDir) await daemon.profile(true);
    const scraped = await scrapePhase(daemon, settings.scrapeSeconds, 2);
    if (profileDir) await daemon.profile(false, join(profileDir, `scrapes-case-${spec.key}.cpuprofile`));
    const page = await statusPageTiming(daemon.url, "/?page=2", 5);
    const filteredPage = await statusPageTiming(daemon.url, "/?state=warning", 5);
    say(`case ${spec.key}: /metrics p50 ${percentile(scraped.scrapes.map((s) => s.ms), 50).toFixed(1)} ms; status page p50 ${page.p50Ms.toFixed(1)} ms`);
    // The requests of the first sweep, idle and scrape phases only: the second sweep is measured apart.
    const peakPer300s = peakInWindow(simulator.requests, 300_000);
    const throttled = simulator.requests.filter((r) => r.status === 429).length;
    const secondSweep = await sweepPhase(daemon, 5);
    say(`case ${spec.key}: second sweep took ${secondSweep.seconds.toFixed(1)} s, RSS max ${(secondSweep.maxRss / 2 ** 20).toFixed(0)} MB`);
    return {
      spec,
      workload: { zones: workload.state.zones.length, objects: workload.objects, distinctPems: workload.distinctPems, pemObjects: workload.pemObjects },
      budgetPer5m: settings.budgetPer5m,
      minimum,
      requests: sweepRequests.length,
      sweepSeconds: sweepEnd === null ? null : (sweepEnd - firstRequestAt) / 1000,
      peakPer300s,
      throttled,
      readySeconds: readyAt === null ? null : (readyAt - daemon.startSentAt) / 1000,
      firstAlertSeconds: firstAlertAt === null ? null : (firstAlertAt - daemon.startSentAt) / 1000,
      rssBeforeStart: daemon.rssBeforeStart,
      idle,
      scraped,
      page,
      filteredPage,
      secondSweep,
      daemonLogs: daemon.logs,
    };
  } finally {
    await daemon.stop();
    await receiver.close();
    await simulator.close();
  }
}

function hasFiring(request: ReceivedWebhook): boolean {
  const alerts = (request.json as { alerts?: Array<{ status?: string }> } | null)?.alerts ?? [];
  return alerts.some((a) => a.status === "firing");
}

/** The most requests that arrived within any window of `windowMs`. */
function peakInWindow(requests: readonly LoggedRequest[], windowMs: number): number {
  let peak = 0;
  let from = 0;
  for (let to = 0; to < requests.length; to += 1) {
    while (requests[to]!.at - requests[from]!.at >= windowMs) from += 1;
    peak = Math.max(peak, to - from + 1);
  }
  return peak;
}
