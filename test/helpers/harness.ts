import { Writable } from "node:stream";
import { request } from "undici";
import type { Config } from "../../src/config/schema.js";
import { startDaemon, type Daemon } from "../../src/daemon.js";
import { createLogger } from "../../src/log/logger.js";
import { buildState, type Scenario } from "../../src/simulator/scenario.js";
import { startSimulator, type Simulator } from "../../src/simulator/server.js";
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

export function testConfig(simulator: Simulator, zones: Config["zones"], overrides: Partial<Config["cloudflare"]> = {}): Config {
  return {
    file: "test-config.yaml",
    cloudflare: {
      auth: { kind: "token", token: TEST_TOKEN },
      base_url: simulator.baseUrl,
      timeout_seconds: 5,
      max_requests_per_5m: 1200,
      max_retries: 3,
      retry_after_cap_seconds: 5,
      concurrency: 4,
      ...overrides,
    },
    zones,
    // Far in the future: tests drive cycles with pollNow(), never the clock.
    schedule: "0 0 1 1 *",
    thresholds: { warning_days: 30, critical_days: 7 },
    server: { listen: "127.0.0.1:0", host: "127.0.0.1", port: 0 },
    log: { level: "trace", format: "json" },
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
  zones: Config["zones"],
  options: { cloudflare?: Partial<Config["cloudflare"]>; beforeStart?: (simulator: Simulator) => void } = {},
): Promise<Harness> {
  const simulator = await startSimulator({ state: await buildState(scenario), apiToken: TEST_TOKEN });
  options.beforeStart?.(simulator);
  const config = testConfig(simulator, zones, options.cloudflare);
  const logs = new LogCapture();
  const logger = createLogger({ level: "trace", format: "json", secrets: [TEST_TOKEN], destination: logs });
  const daemon = await startDaemon(config, { logger, backoff: { baseMs: 20, maxMs: 100 } });
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
