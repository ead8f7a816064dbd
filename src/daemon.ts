import type { Logger } from "pino";
import { AlertEngine, type AlertEngineOptions } from "./alerts/alert-engine.js";
import { systemClock, type Clock } from "./clock/clock.js";
import { closeClients, cloudflareClientsFor, type CredentialClients } from "./cloudflare/client-from-config.js";
import { ConfigError, loadConfig } from "./config/load.js";
import { configuredTargets, secretsOf, type Config } from "./config/schema.js";
import { Inventory } from "./inventory/inventory.js";
import { createMetricsRegistry } from "./metrics/registry.js";
import { zoneLabelPairs } from "./metrics/snapshot/zone-labels.js";
import { derivedFrom } from "./async/derived-from.js";
import { PemCache } from "./pem/pem-cache.js";
import { SweepRunner } from "./scheduler/sweep-runner.js";
import { PollScheduler } from "./scheduler/poll-scheduler.js";
import { SweepHeapGuard } from "./scheduler/release-heap.js";
import { scheduleIntervalMs } from "./scheduler/schedule-interval.js";
import { TokenWatch } from "./scheduler/token-watch.js";
import { ZoneRoster } from "./scheduler/zone-roster.js";
import { oneAtATime } from "./async/coalesce.js";
import { startHttpServer, type ReloadResult } from "./server/http-server.js";
import { statusPageModel, StatusPageRowCache } from "./server/status-page.js";
import { ALL_SOURCES } from "./stores/registry.js";
import type { Source } from "./stores/source.js";
import { VERSION } from "./version.js";
import type { WebConfig } from "./web/load-web-config.js";

export interface DaemonOptions {
  logger: Logger;
  clock?: Clock;
  sources?: readonly Source[];
  /** Retry backoff of the Cloudflare client; tests shorten it. */
  backoff?: { baseMs: number; maxMs: number };
  /** Retry backoff of webhook deliveries; tests shorten it. */
  deliveryBackoff?: { baseMs: number; maxMs: number };
  /** Delivery timeout, state-write faults and save backoff of the alert engine; for tests. */
  alertEngine?: Pick<AlertEngineOptions, "deliveryTimeoutMs" | "stateWriter" | "stateBackoff">;
  /** The environment `${VAR}` and credential fallbacks read on reload; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** The logger's secret list: a reload puts the new configuration's secrets in it. */
  secrets?: string[];
  /** TLS and basic auth of the HTTP server (web config file), read once at start. */
  web?: WebConfig | null;
}

// Defined beside the endpoint that reports it, so the server does not import the daemon back.
export type { ReloadResult };

export interface Daemon {
  /** Base URL of the HTTP server (metrics, health). */
  url: string;
  inventory: Inventory;
  alerts: AlertEngine;
  /** Resolves when the cycle run at start has finished. */
  firstCycle: Promise<void>;
  /** Runs a fresh cycle now (after the running one, if any); resolves when it has finished. */
  pollNow(): Promise<void>;
  /** Re-reads the config file; a bad one is rejected and the running config stays. */
  reload(): Promise<ReloadResult>;
  /** Stops scheduling, finishes or aborts the running cycle within `graceMs`, closes everything. */
  stop(graceMs?: number): Promise<void>;
}

const SHUTDOWN_GRACE_MS = 10_000;

/** Alertmanager drops a firing alert not re-sent by its endsAt: allow a few missed cycles. */
function firingTimeoutFor(config: Config): number {
  return Math.max(4 * scheduleIntervalMs(config.schedule), 15 * 60_000);
}

export async function startDaemon(initial: Config, options: DaemonOptions): Promise<Daemon> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const env = options.env ?? process.env;
  let config = initial;
  const inventory = new Inventory();
  let engine: AlertEngine | null = null;
  const roster = new ZoneRoster(configuredTargets(config), { thresholds: config.thresholds, labels: config.labels });
  const tokens = new TokenWatch(logger.child({ component: "tokens" }));
  const { registry, snapshot, operational, alerting } = createMetricsRegistry({
    inventory,
    tokens: () => tokens.current(),
    clock,
    version: VERSION,
    // Before the engine exists the configured sinks are named, so their counters start at 0.
    sinks: () => engine?.sinkNames() ?? config.alerts.sinks.map((s) => s.name),
    alerts: () => engine,
    summarizedZones: derivedFrom(
      () => roster.known(),
      (known) => new Set(known.filter((z) => z.custom_hostnames.mode === "summary").map((z) => z.id)),
    ),
    zoneLabels: derivedFrom(() => roster.known(), zoneLabelPairs),
  });
  const alerts = await AlertEngine.open({
    config,
    logger: logger.child({ component: "alerts" }),
    clock,
    hooks: alerting,
    firingTimeoutMs: firingTimeoutFor(config),
    ...(options.deliveryBackoff ? { deliveryBackoff: options.deliveryBackoff } : {}),
    ...options.alertEngine,
  });
  engine = alerts;
  const clientsFor = (c: Config) =>
    cloudflareClientsFor(c, { logger, clock, onRequest: (endpoint, code) => operational.apiRequests.inc({ endpoint, code }), ...(options.backoff ? { backoff: options.backoff } : {}) });
  let clients: CredentialClients = clientsFor(config);
  const pems = new PemCache();
  let ready = false;
  const sweeps = new SweepRunner({
    config: () => config,
    clients: () => clients,
    roster,
    inventory,
    pems,
    alerts,
    metrics: operational,
    logger,
    clock,
    sources: options.sources ?? ALL_SOURCES,
    tokens,
  });
  const scheduler = new PollScheduler({
    schedule: config.schedule,
    runCycle: async (signal) => {
      // Watches the heap while the sweep runs and gives back what it grew into (release-heap.ts).
      const heap = new SweepHeapGuard();
      try {
        const outcome = await sweeps.run(signal);
        // The exposition is rebuilt once the sweep's changes are in, not by the next scrape. Part
        // of the cycle, as the heap release after it: when the cycle ends the daemon is idle, and
        // a tick never starts a sweep under them.
        await snapshot.prepare().catch((error: unknown) => logger.warn({ err: error }, "could not rebuild the /metrics snapshot after the sweep"));
        return outcome;
      } finally {
        heap.finish();
      }
    },
    onSkipped: () => operational.cyclesSkipped.inc(),
    onOverrun: (overrunning) => operational.sweep.overrun.set(overrunning ? 1 : 0),
    logger,
  });

  // SIGHUP and POST /-/reload never interleave: see oneAtATime.
  const reload = oneAtATime(reloadNow);
  async function reloadNow(): Promise<ReloadResult> {
    let next: Config;
    try {
      next = loadConfig(config.file, env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      operational.configReloads.inc({ outcome: "failure" });
      logger.error({ file: config.file, problems: error.problems }, "configuration reload rejected; keeping the running configuration");
      return { ok: false, problems: error.problems };
    }
    const needsRestart = [
      ...(next.server.listen !== config.server.listen ? ["server.listen"] : []),
      ...(next.state_dir !== config.state_dir ? ["state_dir"] : []),
      ...(next.log.format !== config.log.format ? ["log.format"] : []),
      ...(next.server.web_config_file !== config.server.web_config_file ? ["server.web_config_file"] : []),
    ];
    const before = new Set(roster.known().map((z) => z.id));
    roster.setConfigured(configuredTargets(next), { thresholds: next.thresholds, labels: next.labels }, next.cloudflare.credentials.map((c) => c.name));
    if (!next.discover.enabled) roster.clearDiscovered();
    if (!next.discover.accounts) roster.clearDiscoveredAccounts();
    const known = new Set(roster.known().map((z) => z.id));
    // Removed zones and sources leave /metrics now; added ones are polled at the next cycle.
    inventory.retain(roster.watchedSlots());
    if (JSON.stringify(next.cloudflare) !== JSON.stringify(config.cloudflare)) {
      const old = clients;
      clients = clientsFor(next);
      // The running sweep may still be using them.
      void scheduler.idle().then(() => closeClients(old));
    }
    await scheduler.reschedule(next.schedule);
    await alerts.reconfigure(next, firingTimeoutFor(next));
    logger.level = next.log.level;
    if (options.secrets) options.secrets.splice(0, options.secrets.length, ...secretsOf(next));
    config = next;
    operational.configReloads.inc({ outcome: "success" });
    operational.configLastReload.set(clock.now() / 1000);
    const result = { ok: true as const, zonesAdded: [...known].filter((id) => !before.has(id)), zonesRemoved: [...before].filter((id) => !known.has(id)), needsRestart };
    logger.info({ file: config.file, zones_added: result.zonesAdded, zones_removed: result.zonesRemoved }, "configuration reloaded");
    if (needsRestart.length) logger.warn({ keys: needsRestart }, "these settings changed but only take effect after a restart");
    return result;
  }

  // The status page ranks the inventory once per change, not once per request.
  const statusPageRows = new StatusPageRowCache();
  const server = await startHttpServer({
    host: config.server.host,
    port: config.server.port,
    registry,
    exposition: snapshot,
    // Serving with the alert state loaded: a sweep of 1,000 zones takes an hour, and the zones
    // read so far (and the restored alerts) are already worth serving.
    isReady: () => ready,
    statusPage: () => {
      const thresholds = new Map(roster.known().map((z) => [z.id, z.thresholds]));
      return statusPageModel(
        {
          version: VERSION,
          lastCycleAt: inventory.lastCycleFinishedAt,
          records: inventory.records(),
          health: inventory.health(),
          credentials: inventory.credentials,
          discovery: sweeps.discovery,
          firing: alerts.firing(),
          thresholdsFor: (zoneId) => thresholds.get(zoneId) ?? config.thresholds,
          rowCache: statusPageRows,
        },
      );
    },
    reload,
    now: () => clock.now(),
    logger,
    web: options.web ?? null,
  });
  operational.configLastReload.set(clock.now() / 1000);
  logger.info({ url: server.url, zones: config.zones.length, accounts: config.accounts.length, schedule: config.schedule, version: VERSION }, "certwatch started");
  alerts.start();
  scheduler.start();
  ready = true;

  return {
    url: server.url,
    inventory,
    alerts,
    firstCycle: scheduler.started,
    pollNow: () => scheduler.runNow(),
    reload,
    async stop(graceMs = SHUTDOWN_GRACE_MS) {
      await scheduler.stop(graceMs);
      await alerts.stop();
      await server.close();
      await closeClients(clients);
      logger.info("certwatch stopped");
    },
  };
}
