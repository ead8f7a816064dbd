import { Registry } from "prom-client";
import type { Clock } from "../clock/clock.js";
import type { Inventory } from "../inventory/inventory.js";
import { registerAlertMetrics, type AlertMetricHooks, type AlertView } from "./alert-metrics.js";
import type { TokenChecks } from "../alerts/token-rules.js";
import { registerCredentialsMetric } from "./credentials-metric.js";
import { registerTokenMetrics } from "./token-metrics.js";
import { registerOperationalMetrics, type OperationalMetrics } from "./operational-metrics.js";
import { registerProcessMetrics } from "./process-metrics.js";
import { InventorySnapshot } from "./snapshot/inventory-snapshot.js";

export interface MetricsRegistry {
  /** What is cheap to read at scrape time: operational, alerting and process metrics. */
  registry: Registry;
  /** The inventory-derived families, kept as text between inventory changes. */
  snapshot: InventorySnapshot;
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
  /** Each credential's last API token check. */
  tokens?: () => TokenChecks;
  /** Each labelled zone's configured labels as label pairs (snapshot/zone-labels.ts). */
  zoneLabels?: () => ReadonlyMap<string, string>;
}

export function createMetricsRegistry(sources: MetricsSources): MetricsRegistry {
  const registry = new Registry();
  registerProcessMetrics(registry);
  const operational = registerOperationalMetrics(registry, sources.version);
  registerCredentialsMetric(registry, sources.inventory);
  registerTokenMetrics(registry, sources.tokens ?? (() => ({})));
  const alerting = registerAlertMetrics(registry, sources.sinks, sources.alerts);
  const snapshot = new InventorySnapshot({ inventory: sources.inventory, clock: sources.clock, summarizedZones: sources.summarizedZones, ...(sources.zoneLabels ? { zoneLabels: sources.zoneLabels } : {}) });
  return { registry, snapshot, operational, alerting };
}
