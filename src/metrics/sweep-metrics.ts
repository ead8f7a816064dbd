import { Gauge, type Registry } from "prom-client";

/** How the current sweep (one pass over the zones the schedule asked for) is getting on. */
export interface SweepMetrics {
  /** 0..1: the share of the current sweep's planned requests done; 1 between sweeps. */
  progress: Gauge;
  /** Wall time of the last complete sweep. */
  duration: Gauge;
  /** The current sweep's planned requests ÷ the request budget's rate. */
  estimated: Gauge;
  /** 1 while sweeps outlast the schedule interval, so ticks are skipped. */
  overrun: Gauge;
  /** 1 when the last plan could not fit the schedule interval within the request budget. */
  overBudget: Gauge;
  /** Requests the last plan meant to send. */
  plannedRequests: Gauge;
  /** The oldest last success among the (zone, source) pairs, epoch seconds: staleness is time() minus it. */
  oldestSuccess: Gauge;
}

export function registerSweepMetrics(registry: Registry): SweepMetrics {
  const gauge = (name: string, help: string) => new Gauge({ name, help, registers: [registry] });
  const metrics: SweepMetrics = {
    progress: gauge("certwatch_sweep_progress_ratio", "Share (0 to 1) of the current sweep's planned requests done; 1 between sweeps."),
    duration: gauge("certwatch_sweep_duration_seconds", "Wall time of the last complete sweep (not aborted)."),
    estimated: gauge("certwatch_sweep_estimated_duration_seconds", "The current sweep's planned requests divided by the request budget's rate (cloudflare.max_requests_per_5m / 300 s), per credential, the slowest one."),
    overrun: gauge("certwatch_sweep_overrun", "1 while sweeps last longer than the schedule interval, so scheduled ticks are skipped; else 0."),
    overBudget: gauge("certwatch_sweep_over_budget", "1 when the request budget cannot refresh what must be refreshed every tick within one schedule interval; else 0."),
    plannedRequests: gauge("certwatch_sweep_planned_requests", "Requests the current (or last) sweep planned to send, all credentials together."),
    oldestSuccess: gauge(
      "certwatch_sweep_oldest_success_timestamp_seconds",
      "The oldest last successful poll among the watched (zone, source) pairs when the sweep was planned; time() minus it is the worst staleness (bounded by max_staleness).",
    ),
  };
  metrics.progress.set(1);
  return metrics;
}
