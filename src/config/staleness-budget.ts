import type { CredentialConfig } from "./credential-list.js";
import { formatDuration } from "./duration.js";
import type { Problem } from "./problem.js";
import type { ZoneConfig } from "./schema.js";

const FIVE_MINUTES_MS = 300_000;

/**
 * The fewest requests that read a zone once: one per source (a page, or the AOP list, whose
 * switch is only asked for when it holds a certificate), and one per hostname for aop_hostname.
 */
export function minimumRequests(zone: ZoneConfig): number {
  return zone.sources.reduce((n, source) => n + (source === "aop_hostname" ? zone.hostnames.length : 1), 0);
}

/**
 * `max_staleness` must be reachable: every configured zone of a credential read at least once
 * within it, at that credential's budget. Refused at load with the arithmetic, since no schedule
 * could keep the promise. (Discovered zones are only known at run time; there a shortfall is
 * said once, with certwatch_sweep_over_budget.)
 */
export function stalenessProblems(
  maxStalenessMs: number,
  /** The value as the file writes it; undefined for the default. */
  written: string | undefined,
  zones: ZoneConfig[],
  credentials: CredentialConfig[],
  listForm: boolean,
): Problem[] {
  const first = credentials[0]?.name;
  const problems: Problem[] = [];
  credentials.forEach((credential, i) => {
    const own = zones.filter((z) => (z.credential ?? first) === credential.name);
    const needed = own.reduce((n, z) => n + minimumRequests(z), 0);
    const allowed = Math.floor((credential.max_requests_per_5m * maxStalenessMs) / FIVE_MINUTES_MS);
    if (needed <= allowed) return;
    const budgetKey = listForm ? `cloudflare.credentials[${i}].max_requests_per_5m` : "cloudflare.max_requests_per_5m";
    const span = formatDuration(maxStalenessMs);
    const enough = formatDuration((needed * FIVE_MINUTES_MS) / credential.max_requests_per_5m);
    const zonesWord = `${own.length.toLocaleString("en-US")} configured zone${own.length === 1 ? "" : "s"}`;
    problems.push({
      path: ["max_staleness"],
      expected:
        `a staleness bound the request budget can meet: max_staleness: ${span} needs ${needed.toLocaleString("en-US")} requests per ${span} ` +
        `(the ${zonesWord}${listForm ? ` of credential "${credential.name}"` : ""}, read once each) but ${budgetKey}: ${credential.max_requests_per_5m} ` +
        `allows ${allowed.toLocaleString("en-US")}; raise max_staleness to at least ${enough} or the budget`,
      found: written === undefined ? `${span} (the default)` : JSON.stringify(written),
    });
  });
  return problems;
}
