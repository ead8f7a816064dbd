// The daemon's configuration for one benchmark case: written as YAML and loaded through the
// real loader (so the bench follows the schema as it changes), then the request budget is
// scaled past the loader's 1..1200 on the loaded object, which is how time is compressed.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config/load.js";
import type { Config } from "../../src/config/schema.js";
import type { Workload } from "./workload.js";

export const BENCH_TOKEN = "bench-token-not-a-secret";

export interface BenchConfigOptions {
  apiBaseUrl: string;
  webhookUrl: string;
  /** Requests per 5 minutes the daemon may send (scaled; not limited to 1..1200). */
  budgetPer5m: number;
  summary: boolean;
  /** The daemon's cron schedule (benchSchedule: one that cannot fire while the case measures). */
  schedule: string;
}

export function benchConfig(workload: Workload, options: BenchConfigOptions): Config {
  const dir = mkdtempSync(join(tmpdir(), "certwatch-bench-"));
  const zones = workload.state.zones.map((zone, i) => ({
    id: zone.id,
    name: zone.name,
    hostnames: workload.hostnames[i] ?? [],
    custom_hostnames: { mode: options.summary ? "summary" : "per_hostname" },
  }));
  const document = {
    cloudflare: { api_token: BENCH_TOKEN, base_url: options.apiBaseUrl, max_requests_per_5m: 1200 },
    zones,
    schedule: options.schedule,
    server: { listen: "127.0.0.1:0" },
    log: { level: "warn", format: "json" },
    alerts: { sinks: [{ name: "bench", type: "webhook", url: options.webhookUrl }] },
    state_dir: join(dir, "state"),
  };
  // JSON is YAML: no YAML writer needed.
  const file = join(dir, "certwatch.yaml");
  writeFileSync(file, JSON.stringify(document, null, 1));
  return withBudget(loadConfig(file, {}), options.budgetPer5m);
}

/**
 * An hourly schedule whose minute is half an hour from now, in the local time node-cron reads.
 * With the default (every 5 minutes on the clock) a tick fell inside the idle or scrape window
 * of some runs, and those figures measured a sweep (every zone re-read, its snapshot blocks
 * rebuilt), not an idle daemon. A case ends well within half an hour (its first sweep is given
 * at most 10 minutes), so no tick falls inside a measurement; the sweep after the first is
 * asked for (daemon.pollNow) and measured on its own.
 */
export function benchSchedule(now = new Date()): string {
  return `${(now.getMinutes() + 30) % 60} * * * *`;
}

/** Every budget in the config (the single one and each credential's) set to `perFiveMinutes`. */
function withBudget(config: Config, perFiveMinutes: number): Config {
  const cloudflare = config.cloudflare as Config["cloudflare"] & { credentials?: Array<{ max_requests_per_5m: number }> };
  return {
    ...config,
    cloudflare: {
      ...cloudflare,
      max_requests_per_5m: perFiveMinutes,
      ...(cloudflare.credentials ? { credentials: cloudflare.credentials.map((c) => ({ ...c, max_requests_per_5m: perFiveMinutes })) } : {}),
    },
  };
}
