import type { Logger } from "pino";
import { AlertEngine } from "./alerts/alert-engine.js";
import { systemClock, type Clock } from "./clock/clock.js";
import { CloudflareClient } from "./cloudflare/client.js";
import type { Config } from "./config/schema.js";
import { Inventory } from "./inventory/inventory.js";
import { createMetricsRegistry } from "./metrics/registry.js";
import { PemCache } from "./pem/pem-cache.js";
import { runPollCycle, type CycleOutcome } from "./scheduler/poll-cycle.js";
import { PollScheduler } from "./scheduler/poll-scheduler.js";
import { scheduleIntervalMs } from "./scheduler/schedule-interval.js";
import { discoverZones } from "./scheduler/discover-zones.js";
import { ZoneRoster } from "./scheduler/zone-roster.js";
import { startHttpServer } from "./server/http-server.js";
import { statusPageModel } from "./server/status-page.js";
import { ALL_SOURCES } from "./sources/index.js";
import type { Source } from "./sources/source.js";
import { VERSION } from "./version.js";

export interface DaemonOptions {
  logger: Logger;
  clock?: Clock;
  sources?: readonly Source[];
  /** Retry backoff of the Cloudflare client; tests shorten it. */
  backoff?: { baseMs: number; maxMs: number };
  /** Retry backoff of webhook deliveries; tests shorten it. */
  deliveryBackoff?: { baseMs: number; maxMs: number };
}

export interface Daemon {
  /** Base URL of the HTTP server (metrics, health). */
  url: string;
  inventory: Inventory;
  alerts: AlertEngine;
  /** Resolves when the cycle run at start has finished. */
  firstCycle: Promise<void>;
  /** Runs a fresh cycle now (after the running one, if any); resolves when it has finished. */
  pollNow(): Promise<void>;
  /** Stops scheduling, finishes or aborts the running cycle within `graceMs`, closes everything. */
  stop(graceMs?: number): Promise<void>;
}

const SHUTDOWN_GRACE_MS = 10_000;

export async function startDaemon(config: Config, options: DaemonOptions): Promise<Daemon> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const inventory = new Inventory();
  let alerts: AlertEngine | null = null;
  const roster = new ZoneRoster(config.zones, { thresholds: config.thresholds });
  const { registry, operational, alerting } = createMetricsRegistry({
    inventory,
    clock,
    version: VERSION,
    sinks: config.alerts.sinks.map((s) => s.name),
    alerts: () => alerts,
    discoveryEnabled: config.discover.enabled,
    summarizedZones: () => new Set(roster.known().filter((z) => z.custom_hostnames.mode === "summary").map((z) => z.id)),
  });
  const engine = await AlertEngine.open({
    config,
    logger: logger.child({ component: "alerts" }),
    clock,
    hooks: alerting,
    // Alertmanager drops a firing alert not re-sent by its endsAt: allow a few missed cycles.
    firingTimeoutMs: Math.max(4 * scheduleIntervalMs(config.schedule), 15 * 60_000),
    ...(options.deliveryBackoff ? { deliveryBackoff: options.deliveryBackoff } : {}),
  });
  alerts = engine;
  const client = new CloudflareClient({
    baseUrl: config.cloudflare.base_url,
    auth: config.cloudflare.auth,
    timeoutMs: config.cloudflare.timeout_seconds * 1000,
    maxRetries: config.cloudflare.max_retries,
    retryAfterCapMs: config.cloudflare.retry_after_cap_seconds * 1000,
    concurrency: config.cloudflare.concurrency,
    maxRequestsPer5m: config.cloudflare.max_requests_per_5m,
    userAgent: `certwatch/${VERSION}`,
    logger: logger.child({ component: "cloudflare" }),
    onRequest: (endpoint, code) => operational.apiRequests.inc({ endpoint, code }),
    clock,
    ...(options.backoff ? { backoff: options.backoff } : {}),
  });
  const pems = new PemCache();
  const sources = options.sources ?? ALL_SOURCES;
  const scheduler = new PollScheduler({
    schedule: config.schedule,
    runCycle: async (signal): Promise<CycleOutcome> => {
      if (config.discover.enabled) await discoverZones({ client, roster, metrics: operational, logger }, config.discover, signal);
      const outcome = await runPollCycle({ zones: roster.polled(), sources, client, inventory, pems, metrics: operational, logger, clock }, signal);
      if (outcome === "aborted") return outcome;
      const known = roster.known();
      inventory.retainZones(new Set(known.map((z) => z.id)));
      await engine.afterCycle(inventory, known);
      return outcome;
    },
    onSkipped: () => operational.cyclesSkipped.inc(),
    logger,
  });
  const server = await startHttpServer({
    host: config.server.host,
    port: config.server.port,
    registry,
    isReady: () => inventory.lastCycleFinishedAt !== null,
    statusPage: () => {
      const thresholds = new Map(roster.known().map((z) => [z.id, z.thresholds]));
      return statusPageModel(
        {
          version: VERSION,
          lastCycleAt: inventory.lastCycleFinishedAt,
          records: inventory.records(),
          health: inventory.health(),
          firing: engine.firing(),
          thresholdsFor: (zoneId) => thresholds.get(zoneId) ?? config.thresholds,
        },
        clock.now(),
      );
    },
    now: () => clock.now(),
    logger,
  });
  logger.info({ url: server.url, zones: config.zones.length, schedule: config.schedule, version: VERSION }, "certwatch started");
  engine.start();
  scheduler.start();

  return {
    url: server.url,
    inventory,
    alerts: engine,
    firstCycle: scheduler.started,
    pollNow: () => scheduler.runNow(),
    async stop(graceMs = SHUTDOWN_GRACE_MS) {
      await scheduler.stop(graceMs);
      await engine.stop();
      await server.close();
      await client.close();
      logger.info("certwatch stopped");
    },
  };
}
