// The API fault matrix: the case table's types and the runner every test/integration/faults/api-* file uses
// (the zone and its mutators are in fault-scenario.ts, the checks in fault-checks.ts). One
// simulator + daemon per file; every case runs a good cycle (baseline), injects its fault, runs
// a second cycle with daemon.pollNow() and checks what certwatch did with it.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../../src/config/schema.js";
import type { CertificateRecord, SourceName } from "../../../src/model/index.js";
import type { Fault } from "../../../dev/simulator/faults.js";
import type { Scenario } from "../../../dev/simulator/scenario.js";
import type { LoggedRequest } from "../../../dev/simulator/server.js";
import type { SimState } from "../../../dev/simulator/state.js";
import { parseExposition, type Sample } from "../../helpers/exposition.js";
import { startHarness, type Harness } from "../../helpers/harness.js";

import { BASELINE_CERTS, faultScenario, HOSTNAMES, SOURCE_OF, ZONE, ZONE_NAME, type Endpoint } from "./fault-scenario.js";

export * from "./fault-scenario.js";
export * from "./fault-checks.js";
// ---------------------------------------------------------------------------------------------
// Cases and what is observed.

/** Matches an alert by the labels given. */
export interface AlertMatch {
  alertname: string;
  source?: string;
  cert_id?: string;
  hostname?: string;
  severity?: string;
}

export type Expectation =
  /** The answer is unusable: the source must go down with this reason, keeping its certificates. */
  | { up: 0; reason: string; attempts?: number | { min?: number; max?: number }; check?: (obs: Observation) => string[] }
  /** The answer is usable (or a transient fault recovers): the source stays up. */
  | { up: 1; attempts?: number | { min?: number; max?: number }; check?: (obs: Observation) => string[] }
  /** Either is acceptable (e.g. a 50 MB answer a size cap may refuse); when down, with this reason. */
  | { up: "either"; reasonIfDown: string; check?: (obs: Observation) => string[] };

export interface FaultCase {
  name: string;
  /** The endpoint the fault targets: its template, and the source judged. */
  endpoint: Endpoint;
  /** Injected after the good cycle; template defaults to `endpoint`, zoneId to ZONE, times to Infinity. */
  fault: Fault | Fault[];
  expect: Expectation;
  /** Alerts that must appear / may appear / must go; by default the firing set must not change. */
  alerts?: { added?: AlertMatch[]; mayAdd?: AlertMatch[]; removed?: AlertMatch[] };
  /** pollNow must resolve within this; default the group's limit (20 s). */
  limitMs?: number;
  /** Whose pending work this case's expectation depends on (for the report), e.g. "B", "C". */
  awaits?: string;
  note?: string;
  /** The case leaves state in the daemon a reset cannot undo (e.g. a source marked unavailable rests an hour): restart after it. */
  restartAfter?: boolean;
}

export interface Observation {
  /** The judged source. */
  source: SourceName;
  durationMs: number;
  hung: boolean;
  crashed: string | null;
  healthz: number | null;
  up: number | undefined;
  /** certwatch_source_errors_total increase of the judged source, by reason. */
  errorsDelta: Record<string, number>;
  /** certwatch_items_invalid_total increase of the judged source, by reason (engineer B's counter). */
  invalidDelta: Record<string, number>;
  samples: Sample[];
  exposition: string;
  certIdsBefore: string[];
  certIdsAfter: string[];
  alertsBefore: string[];
  alertsAfter: string[];
  /** Requests to the target endpoint during the fault cycle. */
  requests: LoggedRequest[];
  /** The judged source's records in the inventory after the fault cycle. */
  records: CertificateRecord[];
  otherSourcesDown: string[];
  heapDeltaMb: number;
}

export interface CaseResult {
  file: string;
  name: string;
  endpoint: string;
  source: string;
  fault: string;
  expectedUp: number | "either";
  expectedReason: string | null;
  observedUp: number | null;
  observedReasons: Record<string, number>;
  durationMs: number;
  attempts: number;
  /** Heap growth over the fault cycle, and the process RSS after it (the daemon runs in this process). */
  heapDeltaMb: number;
  rssMb: number;
  crash: boolean;
  hang: boolean;
  falseHealthy: boolean;
  passed: boolean;
  failures: string[];
  awaits: string | null;
  note: string | null;
}

export interface GroupOptions {
  cloudflare?: Partial<Config["cloudflare"]> & Record<string, unknown>;
  /** Default pollNow limit per case. */
  limitMs?: number;
  scenario?: () => Scenario;
}

/** The test config every fault group starts from: short timeouts, few retries, a 1 s Retry-After cap. */
export const FAULT_CLOUDFLARE = {
  timeout_seconds: 1,
  max_retries: 2,
  retry_after_cap_seconds: 1,
  // Far above what a group sends: the pacer must never be what a case measures.
  max_requests_per_5m: 100_000,
  concurrency: 4,
} satisfies Partial<Config["cloudflare"]>;

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "artifacts");

function seriesKey(s: Sample): string {
  return `${s.name}{${Object.entries(s.labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(",")}}`;
}

function alertKey(a: { labels: object }): string {
  const l = a.labels as Record<string, string>;
  return JSON.stringify([l.alertname, l.severity, l.source, l.cert_id, l.hostname]);
}

function alertMatches(key: string, m: AlertMatch): boolean {
  const [alertname, severity, source, certId, hostname] = JSON.parse(key) as string[];
  return (
    alertname === m.alertname &&
    (m.severity === undefined || m.severity === severity) &&
    (m.source === undefined || m.source === source) &&
    (m.cert_id === undefined || m.cert_id === certId) &&
    (m.hostname === undefined || m.hostname === hostname)
  );
}

function certIdsOf(samples: Sample[], source: string): string[] {
  const ids = new Set<string>();
  for (const s of samples) if (s.name.startsWith("certwatch_cert_") && s.labels.zone_id === ZONE && s.labels.source === source) ids.add(s.labels.cert_id!);
  return [...ids].sort();
}

function counterBy(samples: Sample[], name: string, source: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of samples) if (s.name === name && s.labels.zone_id === ZONE && s.labels.source === source) out[s.labels.reason ?? ""] = s.value;
  return out;
}

/** Like counterBy, but for a counter labelled by zone name (certwatch_items_invalid_total may carry only `zone`). */
function invalidBy(samples: Sample[], source: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of samples) {
    if (s.name !== "certwatch_items_invalid_total" || s.labels.source !== source) continue;
    if (s.labels.zone !== ZONE_NAME && s.labels.zone_id !== ZONE) continue;
    out[s.labels.reason ?? ""] = (out[s.labels.reason ?? ""] ?? 0) + s.value;
  }
  return out;
}

function delta(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) if (v - (before[k] ?? 0) !== 0) out[k] = v - (before[k] ?? 0);
  return out;
}

function inRange(n: number, spec: number | { min?: number; max?: number } | undefined): boolean {
  if (spec === undefined) return true;
  if (typeof spec === "number") return n === spec;
  return (spec.min === undefined || n >= spec.min) && (spec.max === undefined || n <= spec.max);
}

function describeFault(fault: Fault | Fault[]): string {
  const one = (f: Fault) => {
    const parts: string[] = [];
    if (f.status !== undefined) parts.push(`status ${f.status}`);
    if (f.retryAfter !== undefined) parts.push(`retry-after ${f.retryAfter}`);
    if (f.body) parts.push(`body ${f.body}`);
    if (f.raw) parts.push(`raw ${f.raw.status ?? 200} ${f.raw.contentType ?? "application/json"} (${f.raw.body.length} bytes)`);
    if (f.resetAfterBytes !== undefined) parts.push(`reset after ${f.resetAfterBytes} bytes`);
    if (f.hang) parts.push("hang");
    if (f.delayMs) parts.push(`delay ${f.delayMs} ms`);
    if (f.mutate) parts.push("mutate");
    if (f.ignorePage) parts.push("ignore page");
    parts.push(`times ${f.times ?? "∞"}`);
    return parts.join(", ");
  };
  return (Array.isArray(fault) ? fault : [fault]).map(one).join(" + ");
}

async function scrape(h: Harness): Promise<{ text: string; samples: Sample[] | null; error: string | null }> {
  const { status, body } = await h.get("/metrics");
  if (status !== 200) return { text: body, samples: null, error: `/metrics answered ${status}` };
  try {
    return { text: body, samples: parseExposition(body), error: null };
  } catch (error) {
    return { text: body, samples: null, error: `exposition does not parse: ${String(error)}` };
  }
}

async function healthz(h: Harness): Promise<number | null> {
  try {
    return (await h.get("/healthz")).status;
  } catch {
    return null;
  }
}

type Timed = { done: true; error: unknown } | { done: false };

async function within(promise: Promise<unknown>, ms: number): Promise<Timed> {
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    promise.then(
      () => ({ done: true as const, error: null }),
      (error: unknown) => ({ done: true as const, error: error ?? new Error("rejected") }),
    ),
    new Promise<Timed>((resolve) => (timer = setTimeout(() => resolve({ done: false }), ms))),
  ]);
  clearTimeout(timer);
  return outcome;
}

/**
 * Declares a describe block with one harness for every case of `cases`, run one after another.
 * Each case: reset the state, clear faults, good cycle, fault, second cycle, checks.
 */
export function faultGroup(file: string, title: string, cases: FaultCase[] | (() => FaultCase[]), options: GroupOptions = {}): void {
  const results: CaseResult[] = [];
  let h: Harness | undefined;
  let pristine: SimState;
  const scenario = options.scenario ?? faultScenario;
  const defaultLimit = options.limitMs ?? 20_000;
  const zones = [{ id: ZONE, name: ZONE_NAME, hostnames: [...HOSTNAMES] }];

  async function start(): Promise<Harness> {
    // The simulated account quota (Ratelimit headers, 1,200 per 5 min by default) would pace a
    // long group once spent, some 60 cases in: every later cycle then took 3 s. Far above what a
    // group sends, as FAULT_CLOUDFLARE's own budget.
    const harness = await startHarness(scenario(), zones, {
      cloudflare: { ...FAULT_CLOUDFLARE, ...options.cloudflare } as Partial<Config["cloudflare"]>,
      simulator: { rateLimitQuota: FAULT_CLOUDFLARE.max_requests_per_5m },
    });
    pristine = structuredClone(harness.simulator.state);
    await harness.daemon.firstCycle;
    return harness;
  }

  describe(title, () => {
    beforeAll(async () => {
      h = await start();
    }, 60_000);

    afterAll(async () => {
      await h?.close();
      writeArtifact(file, results);
    }, 60_000);

    const list = typeof cases === "function" ? cases() : cases;
    for (const c of list) {
      it(c.name, async () => {
        const result = await runCase(c);
        results.push(result);
        expect(result.failures, `${c.name}\n  fault: ${result.fault}\n  observed: up=${result.observedUp} reasons=${JSON.stringify(result.observedReasons)} attempts=${result.attempts} ${result.durationMs} ms`).toEqual([]);
      }, (c.limitMs ?? defaultLimit) + 40_000);
    }
  });

  async function runCase(c: FaultCase): Promise<CaseResult> {
    if (!h) throw new Error("harness not started");
    const source = SOURCE_OF[c.endpoint];
    const limitMs = c.limitMs ?? defaultLimit;
    const failures: string[] = [];

    // 1. Baseline: the pristine state, no faults, one good cycle.
    h.simulator.clearFaults();
    h.simulator.state = structuredClone(pristine);
    const baseline = await within(h.daemon.pollNow(), 30_000);
    if (!baseline.done) throw new Error("the baseline cycle did not finish in 30 s");
    const before = await scrape(h);
    if (!before.samples) throw new Error(`baseline: ${before.error}`);
    const upBefore = before.samples.find((s) => s.name === "certwatch_source_up" && s.labels.zone_id === ZONE && s.labels.source === source)?.value;
    const certIdsBefore = certIdsOf(before.samples, source);
    if (upBefore !== 1) failures.push(`baseline: ${source} is not up before the fault`);
    const missingBaseline = BASELINE_CERTS[source].filter((id) => !certIdsBefore.includes(id));
    if (missingBaseline.length) failures.push(`baseline: ${source} lacks ${missingBaseline.join(", ")} before the fault`);
    const errorsBefore = counterBy(before.samples, "certwatch_source_errors_total", source);
    const invalidBefore = invalidBy(before.samples, source);
    const alertsBefore = h.daemon.alerts.firing().map(alertKey).sort();

    // 2. The fault, and the cycle it is judged by.
    for (const f of Array.isArray(c.fault) ? c.fault : [c.fault]) {
      h.simulator.injectFault({ template: c.endpoint, zoneId: ZONE, times: Infinity, ...f });
    }
    const firstRequest = h.simulator.requests.length;
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const cycle = await within(h.daemon.pollNow(), limitMs);
    const durationMs = Math.round(performance.now() - started);
    const heapDeltaMb = Math.round((process.memoryUsage().heapUsed - heapBefore) / 1_048_576);
    const hung = !cycle.done;
    let crashed: string | null = cycle.done && cycle.error ? `pollNow rejected: ${String(cycle.error)}` : null;
    const requests = h.simulator.requests.slice(firstRequest).filter((r) => r.template === c.endpoint);
    const health = await healthz(h);
    if (health !== 200) crashed ??= `/healthz answered ${health ?? "nothing"}`;

    const after = await scrape(h);
    const samples = after.samples ?? [];
    const up = samples.find((s) => s.name === "certwatch_source_up" && s.labels.zone_id === ZONE && s.labels.source === source)?.value;
    const errorsDelta = delta(counterBy(samples, "certwatch_source_errors_total", source), errorsBefore);
    const invalidDelta = delta(invalidBy(samples, source), invalidBefore);
    const alertsAfter = h.daemon.alerts.firing().map(alertKey).sort();
    const otherSourcesDown = samples
      .filter((s) => s.name === "certwatch_source_up" && s.labels.zone_id === ZONE && s.labels.source !== source && s.value !== 1)
      .map((s) => s.labels.source!);
    const obs: Observation = {
      source,
      durationMs,
      hung,
      crashed,
      healthz: health,
      up,
      errorsDelta,
      invalidDelta,
      samples,
      exposition: after.text,
      certIdsBefore,
      certIdsAfter: certIdsOf(samples, source),
      alertsBefore,
      alertsAfter,
      requests,
      records: h.daemon.inventory.records().filter((r) => r.zoneId === ZONE && r.source === source),
      otherSourcesDown,
      heapDeltaMb,
    };

    // 3. What every case must show.
    if (hung) failures.push(`hang: pollNow did not resolve within ${limitMs} ms`);
    else if (durationMs > limitMs) failures.push(`slow: the cycle took ${durationMs} ms (limit ${limitMs})`);
    if (crashed) failures.push(`crash: ${crashed}`);
    if (after.error) failures.push(after.error);
    const duplicates = duplicateSeries(samples);
    if (duplicates.length) failures.push(`duplicate series in /metrics: ${duplicates.slice(0, 3).join("; ")}`);

    if (!hung) {
      const e = c.expect;
      const expectUp = e.up === "either" ? (up === 0 ? 0 : 1) : e.up;
      const reason = e.up === 0 ? e.reason : e.up === "either" ? e.reasonIfDown : null;
      if (up !== expectUp) failures.push(`certwatch_source_up{source="${source}"} is ${up ?? "absent"}, expected ${expectUp}`);
      if (expectUp === 0) {
        const want = { [reason!]: 1 };
        if (JSON.stringify(errorsDelta) !== JSON.stringify(want)) {
          failures.push(`certwatch_source_errors_total increase ${JSON.stringify(errorsDelta)}, expected ${JSON.stringify(want)}`);
        }
        // A failed poll keeps the last known certificates.
        if (JSON.stringify(obs.certIdsAfter) !== JSON.stringify(certIdsBefore)) {
          failures.push(`last known certificates not kept: before ${certIdsBefore.join(",")} after ${obs.certIdsAfter.join(",")}`);
        }
      } else if (Object.keys(errorsDelta).length) {
        failures.push(`an error was counted for a usable answer: ${JSON.stringify(errorsDelta)}`);
      }
      const attemptsSpec = e.up === "either" ? undefined : e.attempts;
      if (!inRange(requests.length, attemptsSpec)) failures.push(`${requests.length} requests to ${c.endpoint}, expected ${JSON.stringify(attemptsSpec)}`);
      if (e.check) failures.push(...e.check(obs));
      if (otherSourcesDown.length) failures.push(`other sources of the zone went down: ${otherSourcesDown.join(", ")}`);
      failures.push(...alertChanges(c, alertsBefore, alertsAfter));
    }

    const result: CaseResult = {
      file,
      name: c.name,
      endpoint: c.endpoint,
      source,
      fault: describeFault(c.fault),
      expectedUp: c.expect.up,
      expectedReason: c.expect.up === 0 ? c.expect.reason : c.expect.up === "either" ? c.expect.reasonIfDown : null,
      observedUp: up ?? null,
      observedReasons: errorsDelta,
      durationMs,
      attempts: requests.length,
      heapDeltaMb,
      rssMb: Math.round(process.memoryUsage().rss / 1_048_576),
      crash: crashed !== null,
      hang: hung,
      falseHealthy: c.expect.up === 0 && up === 1,
      passed: failures.length === 0,
      failures,
      awaits: c.awaits ?? null,
      note: c.note ?? null,
    };

    h.simulator.clearFaults();
    if (hung || c.restartAfter) {
      // The daemon is stuck in the cycle (or keeps state from the case): replace it so the rest of the group still runs.
      await h.close().catch(() => undefined);
      h = await start();
    }
    return result;
  }
}

function duplicateSeries(samples: Sample[]): string[] {
  const seen = new Set<string>();
  const dupes: string[] = [];
  for (const s of samples) {
    const key = seriesKey(s);
    if (seen.has(key)) dupes.push(key);
    seen.add(key);
  }
  return dupes;
}

function alertChanges(c: FaultCase, before: string[], after: string[]): string[] {
  const failures: string[] = [];
  const added = after.filter((k) => !before.includes(k));
  const removed = before.filter((k) => !after.includes(k));
  const want = c.alerts?.added ?? [];
  const may = c.alerts?.mayAdd ?? [];
  const wantRemoved = c.alerts?.removed ?? [];
  for (const m of want) if (!added.some((k) => alertMatches(k, m))) failures.push(`expected alert ${JSON.stringify(m)} to start firing`);
  const unexpected = added.filter((k) => ![...want, ...may].some((m) => alertMatches(k, m)));
  if (unexpected.length) failures.push(`alerts started firing: ${unexpected.join(" ")}`);
  for (const m of wantRemoved) if (!removed.some((k) => alertMatches(k, m))) failures.push(`expected alert ${JSON.stringify(m)} to stop firing`);
  const gone = removed.filter((k) => !wantRemoved.some((m) => alertMatches(k, m)));
  if (gone.length) failures.push(`alerts stopped firing: ${gone.join(" ")}`);
  return failures;
}

/** Writes this file's results, then merges every file's into artifacts/fault-matrix.json. */
function writeArtifact(file: string, results: CaseResult[]): void {
  const dir = join(ARTIFACTS, "fault-matrix");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${file}.json`), `${JSON.stringify(results, null, 2)}\n`);
  const all: CaseResult[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".json")).sort()) {
    try {
      all.push(...(JSON.parse(readFileSync(join(dir, name), "utf8")) as CaseResult[]));
    } catch {
      // A file another worker is writing right now; its own afterAll merges it.
    }
  }
  const count = (f: (r: CaseResult) => boolean) => all.filter(f).length;
  const summary = {
    generatedAt: new Date().toISOString(),
    files: [...new Set(all.map((r) => r.file))],
    cases: all.length,
    passed: count((r) => r.passed),
    failed: count((r) => !r.passed),
    crashes: count((r) => r.crash),
    hangs: count((r) => r.hang),
    falseHealthy: count((r) => r.falseHealthy),
    wrongReason: count((r) => !r.hang && r.expectedUp === 0 && r.observedUp === 0 && r.expectedReason !== null && r.observedReasons[r.expectedReason] !== 1),
    maxCycleMs: Math.max(0, ...all.map((r) => r.durationMs)),
    byFile: Object.fromEntries(
      [...new Set(all.map((r) => r.file))].map((f) => {
        const mine = all.filter((r) => r.file === f);
        return [f, { cases: mine.length, passed: mine.filter((r) => r.passed).length, failed: mine.filter((r) => !r.passed).length }];
      }),
    ),
    /** Cases whose expectation depends on pending work, by owner: how many, and how many pass now. */
    awaiting: Object.fromEntries(
      [...new Set(all.map((r) => r.awaits).filter((a): a is string => a !== null))].map((owner) => {
        const mine = all.filter((r) => r.awaits === owner);
        return [owner, { cases: mine.length, passing: mine.filter((r) => r.passed).length }];
      }),
    ),
    failing: all.filter((r) => !r.passed).map((r) => ({ file: r.file, name: r.name, awaits: r.awaits, failures: r.failures })),
    results: all,
  };
  writeFileSync(join(ARTIFACTS, "fault-matrix.json"), `${JSON.stringify(summary, null, 2)}\n`);
}
