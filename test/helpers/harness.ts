import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { request } from "undici";
import type { AlertsConfig, Config, ZoneConfig } from "../../src/config/schema.js";
import { ACCOUNT_SOURCE_NAMES, DEFAULT_ZONE_SOURCE_NAMES } from "../../src/stores/registry.js";
import { startDaemon, type Daemon } from "../../src/daemon.js";
import { createLogger } from "../../src/log/logger.js";
import { buildState, type Scenario } from "../../dev/simulator/scenario.js";
import { startSimulator, type Simulator, type SimulatorOptions } from "../../dev/simulator/server.js";
import { parseExposition, type Sample } from "./exposition.js";

export const TEST_TOKEN = "test-token-5b0c7a1e9d3f";

/** Every log line the daemon wrote, parsed, plus the raw text. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    done();
  }
  entries(): Array<Record<string, unknown>> {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

/** A zone as tests write it: only id, name and hostnames are required. */
export type TestZone = Pick<ZoneConfig, "id" | "name" | "hostnames"> & Partial<ZoneConfig>;

const THRESHOLDS = { warning_days: 30, critical_days: 7 };

export interface TestConfigOptions {
  cloudflare?: Partial<Config["cloudflare"]>;
  alerts?: Partial<AlertsConfig>;
  /** Reuse a state directory (a restart); a fresh temporary one when absent. */
  stateDir?: string;
  discover?: Partial<Config["discover"]>;
  maxStalenessMs?: number;
  /** Default: once a year, so tests drive sweeps with pollNow(). */
  schedule?: string;
  /** The top-level `labels`; a zone's own go in its TestZone. */
  labels?: Record<string, string>;
  /** `accounts:` (id and name required; every account store unless `sources`). */
  accounts?: TestZone[];
}

export function testConfig(simulator: Pick<Simulator, "baseUrl">, zones: TestZone[], options: TestConfigOptions = {}): Config {
  const overrides = options.cloudflare ?? {};
  const auth = overrides.auth ?? { kind: "token" as const, token: TEST_TOKEN };
  const maxPer5m = overrides.max_requests_per_5m ?? 1200;
  return {
    file: "test-config.yaml",
    cloudflare: {
      auth,
      credentials: [{ name: "default", auth, max_requests_per_5m: maxPer5m }],
      base_url: simulator.baseUrl,
      timeout_seconds: 5,
      max_requests_per_5m: maxPer5m,
      max_retries: 3,
      retry_after_cap_seconds: 5,
      concurrency: 4,
      source_timeout_seconds: 120,
      ...overrides,
    },
    zones: zones.map((z) => ({
      thresholds: THRESHOLDS,
      // What a zone config without `sources` reads: account stores and opt-in ones are not among them.
      sources: [...DEFAULT_ZONE_SOURCE_NAMES],
      sources_explicit: false,
      custom_hostnames: { mode: "per_hostname" as const },
      ...z,
    })),
    accounts: (options.accounts ?? []).map((a) => ({
      thresholds: THRESHOLDS,
      sources: [...ACCOUNT_SOURCE_NAMES],
      sources_explicit: false,
      custom_hostnames: { mode: "per_hostname" as const },
      ...a,
      scope: "account" as const,
    })),
    // Far in the future: tests drive cycles with pollNow(), never the clock.
    schedule: options.schedule ?? "0 0 1 1 *",
    thresholds: THRESHOLDS,
    server: { listen: "127.0.0.1:0", host: "127.0.0.1", port: 0 },
    log: { level: "trace", format: "json" },
    alerts: {
      repeat_interval_ms: 4 * 3_600_000,
      send_resolved: true,
      pending_grace_ms: 3_600_000,
      source_down_after_ms: 30 * 60_000,
      queue_max: 10_000,
      external_url: "http://certwatch.test:9798/",
      runbook_base_url: "https://docs.test/alerts.md",
      sinks: [],
      silences: [],
      ...options.alerts,
    },
    state_dir: options.stateDir ?? mkdtempSync(join(tmpdir(), "certwatch-state-")),
    discover: { enabled: false, accounts: false, account_id: null, name: null, statuses: ["active"], ...options.discover },
    max_staleness_ms: options.maxStalenessMs ?? 86_400_000,
    labels: options.labels ?? {},
  };
}

export interface Harness {
  simulator: Simulator;
  daemon: Daemon;
  logs: LogCapture;
  metrics(): Promise<Sample[]>;
  get(path: string): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

export async function startHarness(
  scenario: Scenario,
  zones: TestZone[],
  options: TestConfigOptions & { beforeStart?: (simulator: Simulator) => void; simulator?: Partial<SimulatorOptions> } = {},
): Promise<Harness> {
  const simulator = await startSimulator({ state: await buildState(scenario), apiToken: TEST_TOKEN, ...options.simulator });
  options.beforeStart?.(simulator);
  const config = testConfig(simulator, zones, options);
  const logs = new LogCapture();
  const logger = createLogger({ level: "trace", format: "json", secrets: [TEST_TOKEN], destination: logs });
  const daemon = await startDaemon(config, { logger, backoff: { baseMs: 20, maxMs: 100 }, deliveryBackoff: { baseMs: 50, maxMs: 200 } });
  const get = async (path: string) => {
    const response = await request(daemon.url + path);
    return { status: response.statusCode, body: await response.body.text() };
  };
  return {
    simulator,
    daemon,
    logs,
    get,
    metrics: async () => parseExposition((await get("/metrics")).body),
    async close() {
      await daemon.stop(1_000);
      await simulator.close();
    },
  };
}
