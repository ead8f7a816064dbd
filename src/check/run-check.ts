import type { Logger } from "pino";
import { withZoneLabels } from "../alerts/alert-labels.js";
import { evaluateAlerts } from "../alerts/rules.js";
import { apiTokenAlerts, type TokenChecks } from "../alerts/token-rules.js";
import { SilenceBook } from "../alerts/silence-book.js";
import type { Alert } from "../alerts/alert.js";
import { systemClock } from "../clock/clock.js";
import { closeClients, cloudflareClientsFor } from "../cloudflare/client-from-config.js";
import { configuredTargets, type Config } from "../config/schema.js";
import type { CertificateRecord, SourceName } from "../model/index.js";
import { Inventory, type SourceHealth } from "../inventory/inventory.js";
import { Registry } from "prom-client";
import { registerOperationalMetrics } from "../metrics/operational-metrics.js";
import { PemCache } from "../pem/pem-cache.js";
import { discoverWithEveryCredential, lanesFor } from "../scheduler/credential-lanes.js";
import type { DiscoveryHealth } from "../scheduler/discovery-health.js";
import { runSweep } from "../scheduler/sweep.js";
import { fullSweep } from "../scheduler/sweep-plan.js";
import { TokenWatch } from "../scheduler/token-watch.js";
import { ZoneRoster } from "../scheduler/zone-roster.js";
import { ALL_SOURCES } from "../stores/registry.js";
import { VERSION } from "../version.js";

export interface CheckResult {
  records: CertificateRecord[];
  health: SourceHealth[];
  /** Zone discovery's listing; null when discovery is off. */
  discovery: DiscoveryHealth | null;
  /** Whether discovery lists accounts too (discover.accounts). */
  discoversAccounts?: boolean;
  /** Each token credential's tokens/verify answer. */
  tokens: TokenChecks;
  /** Every alert that holds, with its zone's labels; a silenced one carries `silenced`. */
  alerts: Alert[];
  /** 0 nothing alerts (silenced alerts do not count), 1 warnings, 2 critical alerts, 3 a source could not be read. */
  exitCode: 0 | 1 | 2 | 3;
}

/**
 * One poll of every zone and source, then the daemon's own rules, once. Transitional statuses
 * have no history here, so their pending grace never elapses: only the daemon alerts on them.
 */
export async function runCheck(config: Config, logger: Logger): Promise<CheckResult> {
  const clock = systemClock;
  const inventory = new Inventory();
  const roster = new ZoneRoster(configuredTargets(config), { thresholds: config.thresholds, labels: config.labels });
  // The poll cycle reports into these instruments; a one-shot check never exports them.
  const operational = registerOperationalMetrics(new Registry(), VERSION);
  const clients = cloudflareClientsFor(config, { logger, clock });
  const credentials = config.cloudflare.credentials;
  const signal = new AbortController().signal;
  try {
    const discovery = config.discover.enabled || config.discover.accounts
      ? await discoverWithEveryCredential({ roster, metrics: operational, logger, clock }, credentials, clients, config.discover, signal, new Map())
      : null;
    const tokenWatch = new TokenWatch(logger);
    await tokenWatch.refresh(config, clients, clock.now(), signal);
    const tokens = tokenWatch.current();
    const zones = roster.polled();
    const work = fullSweep(zones, zones, ALL_SOURCES, inventory, clock.now());
    await runSweep({ inventory, pems: new PemCache(), metrics: operational, logger, clock }, lanesFor(work, credentials, clients), signal);
    const now = clock.now();
    const thresholds = new Map(zones.map((z) => [z.id, z.thresholds]));
    const health = inventory.health();
    const required = (zoneId: string, source: SourceName) => zones.some((z) => z.id === zoneId && z.sources_explicit && z.sources.includes(source));
    const settings = { pendingGraceMs: config.alerts.pending_grace_ms, sourceDownAfterMs: config.alerts.source_down_after_ms, runbookUrl: config.alerts.runbook_base_url };
    const evaluated = evaluateAlerts({
      records: inventory.records(),
      health,
      thresholdsFor: (zoneId) => thresholds.get(zoneId) ?? config.thresholds,
      statusSince: () => now,
      sourceRequired: required,
      discovery,
      settings,
      now,
    });
    evaluated.push(...apiTokenAlerts(tokens, config.thresholds, settings, now));
    // A product the zone lacks is not "unreadable", unless the config asks for that source by name.
    // A failed zone listing is: the zones it would have found went unchecked.
    const unreadable = discovery?.up === false || health.some((h) => !h.up && (!h.unavailable || required(h.zoneId, h.source)));
    const alerts = new SilenceBook(logger, config.alerts.silences, now).mark(withZoneLabels(evaluated, zones, config.labels), now);
    const counted = alerts.filter((a) => a.silenced === undefined);
    const exitCode = unreadable ? 3 : counted.some((a) => a.labels.severity === "critical") ? 2 : counted.length ? 1 : 0;
    return { records: inventory.records(), health, discovery, discoversAccounts: config.discover.accounts, tokens, alerts, exitCode };
  } finally {
    await closeClients(clients);
  }
}
