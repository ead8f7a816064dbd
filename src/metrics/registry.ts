import { Registry, collectDefaultMetrics } from "prom-client";
import type { Clock } from "../clock/clock.js";
import type { Inventory } from "../inventory/inventory.js";
import { registerInventoryMetrics } from "./inventory-metrics.js";
import { registerOperationalMetrics, type OperationalMetrics } from "./operational-metrics.js";
import { registerAlertMetrics, type AlertMetricHooks, type AlertView } from "./alert-metrics.js";

/**
 * prom-client names these gauges `*_total`, which Prometheus reserves for counters and
 * `promtool check metrics` rejects; their unsuffixed twins carry the same values.
 */
const MISNAMED_DEFAULT_METRICS = ["nodejs_active_handles_total", "nodejs_active_requests_total", "nodejs_active_resources_total"];

export interface MetricsRegistry {
  registry: Registry;
  operational: OperationalMetrics;
  alerting: AlertMetricHooks;
}

export interface MetricsSources {
  inventory: Inventory;
  clock: Clock;
  version: string;
  sinks: () => string[];
  alerts: () => AlertView | null;
  summarizedZones: () => ReadonlySet<string>;
}

export function createMetricsRegistry(sources: MetricsSources): MetricsRegistry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  for (const name of MISNAMED_DEFAULT_METRICS) registry.removeSingleMetric(name);
  const operational = registerOperationalMetrics(registry, sources.version);
  registerInventoryMetrics(registry, sources.inventory, sources.clock, { summarizedZones: sources.summarizedZones });
  const alerting = registerAlertMetrics(registry, sources.sinks, sources.alerts);
  return { registry, operational, alerting };
}
