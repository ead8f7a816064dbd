import type { Logger } from "pino";
import type { AlertEngine } from "../alerts/alert-engine.js";
import type { Clock } from "../clock/clock.js";
import type { CredentialClients } from "../cloudflare/client-from-config.js";
import type { Config, ZoneConfig } from "../config/schema.js";
import { slotKey, type Inventory } from "../inventory/inventory.js";
import type { OperationalMetrics } from "../metrics/operational-metrics.js";
import type { PemCache } from "../pem/pem-cache.js";
import type { Source } from "../stores/source.js";
import { credentialOf, discoverWithEveryCredential, lanesFor } from "./credential-lanes.js";
import type { DiscoveryHealth } from "./discovery-health.js";
import { runSweep, type CycleOutcome } from "./sweep.js";
import { SweepCost } from "./sweep-cost.js";
import { planCadence, type CadencePlan } from "./cadence-plan.js";
import { scheduleIntervalMs } from "./schedule-interval.js";
import { secondsAtBudget } from "./sweep-plan.js";
import type { TokenWatch } from "./token-watch.js";
import type { ZoneRoster } from "./zone-roster.js";

export interface SweepRunnerDeps {
  /** Read once per sweep: one sweep runs on one configuration, even if a reload lands meanwhile. */
  config: () => Config;
  clients: () => CredentialClients;
  roster: ZoneRoster;
  inventory: Inventory;
  pems: PemCache;
  alerts: Pick<AlertEngine, "afterZone" | "afterSweep">;
  metrics: OperationalMetrics;
  logger: Logger;
  clock: Clock;
  sources: readonly Source[];
  /** Each credential's API token as tokens/verify last said (refreshed at most once an hour). */
  tokens: TokenWatch;
}

/**
 * One scheduled sweep: zone discovery (per credential), then the zones' sources, each zone's
 * alerts judged as soon as it is read, then what only the whole sweep can tell (zones gone,
 * account-wide alerts).
 */
export class SweepRunner {
  private discoveryHealth: DiscoveryHealth | null = null;
  private overBudget = false;
  /** Pairs read since the PEM cache was last swept: it is swept once all have been, a whole rotation. */
  private readSincePemSweep = new Set<string>();
  private interval: { schedule: string; ms: number } | null = null;
  private readonly discoveryByCredential = new Map<string, DiscoveryHealth | null>();
  readonly cost = new SweepCost();

  constructor(private readonly deps: SweepRunnerDeps) {}

  /** Zone discovery's last listing (all credentials); null while discovery is off. */
  get discovery(): DiscoveryHealth | null {
    return this.discoveryHealth;
  }

  async run(signal: AbortSignal): Promise<CycleOutcome> {
    const { roster, inventory, alerts, metrics, logger, clock } = this.deps;
    const config = this.deps.config();
    const clients = this.deps.clients();
    const credentials = config.cloudflare.credentials;
    if (config.discover.enabled || config.discover.accounts) {
      this.discoveryHealth = await discoverWithEveryCredential({ roster, metrics, logger, clock }, credentials, clients, config.discover, signal, this.discoveryByCredential);
    } else {
      // Discovery switched off by a reload has no health left to alert on.
      this.discoveryHealth = null;
      this.discoveryByCredential.clear();
    }
    await this.deps.tokens.refresh(config, clients, clock.now(), signal);
    const plans = this.plan(config);
    const work = plans.flatMap(({ plan }) => plan.work);
    const deps = {
      inventory,
      pems: this.deps.pems,
      metrics,
      logger,
      clock,
      cost: this.cost,
      sourceTimeoutMs: config.cloudflare.source_timeout_seconds * 1000,
      pollConcurrency: config.cloudflare.concurrency,
      // Each zone's alerts go out as soon as it is read, not when the last zone is.
      onZoneDone: (zone: ZoneConfig) => alerts.afterZone(inventory, zone),
      sweepPemCache: false,
    };
    const outcome = await runSweep(deps, lanesFor(work, credentials, clients), signal);
    if (outcome === "aborted") return outcome;
    this.sweepPemCacheAfterRotation(plans);
    const watched = roster.watchedSlots();
    inventory.retain(watched);
    this.cost.retain(watched);
    await alerts.afterSweep(roster.known(), this.discoveryHealth, this.deps.tokens.current());
    return outcome;
  }

  /** Each credential's share of this tick (adaptive cadence), and what it says about the budget. */
  private plan(config: Config): Array<{ credential: string; plan: CadencePlan }> {
    const { roster, inventory, clock } = this.deps;
    const credentials = config.cloudflare.credentials;
    const known = roster.known();
    const polledIds = new Set(roster.polled().map((z) => z.id));
    const intervalMs = this.intervalMs(config.schedule);
    const now = clock.now();
    const plans = credentials.map((credential) => ({
      credential: credential.name,
      maxPer5m: credential.max_requests_per_5m,
      plan: planCadence({
        zones: known.filter((z) => credentialOf(z, credentials) === credential.name),
        polledIds,
        sources: this.deps.sources,
        inventory,
        cost: this.cost,
        now,
        intervalMs,
        maxStalenessMs: config.max_staleness_ms,
        maxPer5m: credential.max_requests_per_5m,
      }),
    }));
    const sweep = this.deps.metrics.sweep;
    sweep.plannedRequests.set(plans.reduce((n, p) => n + p.plan.requests, 0));
    sweep.estimated.set(Math.max(0, ...plans.map((p) => secondsAtBudget(p.plan.requests, p.maxPer5m))));
    const oldest = plans.map((p) => p.plan.oldestSuccessAt).filter((t): t is number => t !== null);
    if (oldest.length) sweep.oldestSuccess.set(Math.min(...oldest) / 1000);
    this.judgeBudget(plans, config);
    return plans;
  }

  /** Over budget: what must be read every tick does not fit one interval. Said once when it starts and once when it ends. */
  private judgeBudget(plans: Array<{ credential: string; plan: CadencePlan }>, config: Config): void {
    const short = plans.filter((p) => p.plan.requiredRequests > p.plan.capacity);
    const over = short.length > 0;
    this.deps.metrics.sweep.overBudget.set(over ? 1 : 0);
    if (over === this.overBudget) return;
    this.overBudget = over;
    if (over) {
      const details = short.map((p) => ({ credential: p.credential, required_requests: p.plan.requiredRequests, requests_per_interval: p.plan.capacity }));
      this.deps.logger.warn(
        { credentials: details, schedule: config.schedule, max_staleness_ms: config.max_staleness_ms },
        "the request budget cannot refresh, every schedule interval, what must be refreshed every tick (failing or in-flight sources, certificates inside warning_days, pairs reaching max_staleness): sweeps will outlast the schedule (said once; certwatch_sweep_over_budget is 1 meanwhile)",
      );
    } else {
      this.deps.logger.info("the request budget again covers what must be refreshed every tick");
    }
  }

  /**
   * The PEM cache keeps what one rotation saw: swept per tick, it would drop the PEMs of every
   * pair waiting for its turn, and parse them all again when they come round.
   */
  private sweepPemCacheAfterRotation(plans: Array<{ plan: CadencePlan }>): void {
    let total = 0;
    for (const { plan } of plans) {
      total += plan.pairs;
      for (const { zone, sources } of plan.work) for (const source of sources) this.readSincePemSweep.add(slotKey(zone.id, source.name));
    }
    if (this.readSincePemSweep.size < total) return;
    this.deps.pems.sweep();
    this.readSincePemSweep = new Set();
  }

  private intervalMs(schedule: string): number {
    if (this.interval?.schedule !== schedule) this.interval = { schedule, ms: scheduleIntervalMs(schedule) };
    return this.interval.ms;
  }
}
