import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import { registerSweepMetrics, type SweepMetrics } from "./sweep-metrics.js";
import { REVISION } from "../version.js";

/** Metrics that code updates as things happen (as opposed to those read from the inventory at scrape). */
export interface OperationalMetrics {
  apiRequests: Counter<"endpoint" | "code">;
  cycleDuration: Histogram;
  cycles: Counter<"outcome">;
  cyclesSkipped: Counter;
  discovery: DiscoveryMetrics;
  sweep: SweepMetrics;
  configReloads: Counter<"outcome">;
  configLastReload: Gauge;
}

/** Zone discovery's outcome; its series appear with the first listing (none while discovery is off). */
export interface DiscoveryMetrics {
  /** `discoveredAccounts`: given while account discovery is on (its gauge appears then). */
  report(up: boolean, discoveredZones: number, discoveredAccounts?: number): void;
}

export function registerOperationalMetrics(registry: Registry, version: string): OperationalMetrics {
  const buildInfo = new Gauge({
    name: "certwatch_build_info",
    help: "Always 1; the labels carry the running certwatch version, the git revision it was built from, and the Node.js version.",
    labelNames: ["version", "revision", "nodejs_version"],
    registers: [registry],
  });
  buildInfo.set({ version, revision: REVISION, nodejs_version: process.version }, 1);
  return {
    apiRequests: new Counter({
      name: "certwatch_api_requests_total",
      help: "HTTP attempts sent to the Cloudflare API, by path template and status code (or network/timeout).",
      labelNames: ["endpoint", "code"],
      registers: [registry],
    }),
    cycleDuration: new Histogram({
      name: "certwatch_poll_cycle_duration_seconds",
      help: "Wall time of one poll cycle over every zone and source.",
      buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
      registers: [registry],
    }),
    cycles: new Counter({
      name: "certwatch_poll_cycles_total",
      help: "Poll cycles by outcome: success (every source read), partial, failure (none read) or aborted.",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    cyclesSkipped: new Counter({
      name: "certwatch_poll_cycles_skipped_total",
      help: "Scheduled ticks skipped because the previous cycle was still running.",
      registers: [registry],
    }),
    discovery: discoveryMetrics(registry),
    sweep: registerSweepMetrics(registry),
    configReloads: zeroed(
      new Counter({
        name: "certwatch_config_reloads_total",
        help: "Configuration reloads (SIGHUP or POST /-/reload) by outcome: success, or failure (the running configuration stayed).",
        labelNames: ["outcome"],
        registers: [registry],
      }),
      ["success", "failure"],
    ),
    configLastReload: new Gauge({
      name: "certwatch_config_last_reload_success_timestamp_seconds",
      help: "When the running configuration was loaded (at start, or by the last successful reload).",
      registers: [registry],
    }),
  };
}

/** Each outcome at 0 from the start, so increase() sees the first one. */
function zeroed(counter: Counter<"outcome">, outcomes: readonly string[]): Counter<"outcome"> {
  for (const outcome of outcomes) counter.inc({ outcome }, 0);
  return counter;
}

function discoveryMetrics(registry: Registry): DiscoveryMetrics {
  const up = new Gauge({ name: "certwatch_zone_discovery_up", help: "1 when the last zone discovery (GET /zones) succeeded, else 0.", registers: [] });
  const zones = new Gauge({ name: "certwatch_discovered_zones", help: "Zones watched because zone discovery found them (not configured).", registers: [] });
  const accounts = new Gauge({ name: "certwatch_discovered_accounts", help: "Accounts watched because account discovery found them (not configured).", registers: [] });
  let registered = false;
  let accountsRegistered = false;
  return {
    report(ok, discoveredZones, discoveredAccounts) {
      if (!registered) {
        registry.registerMetric(up);
        registry.registerMetric(zones);
        registered = true;
      }
      up.set(ok ? 1 : 0);
      zones.set(discoveredZones);
      if (discoveredAccounts === undefined) return;
      if (!accountsRegistered) {
        registry.registerMetric(accounts);
        accountsRegistered = true;
      }
      accounts.set(discoveredAccounts);
    },
  };
}
