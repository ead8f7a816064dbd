// Checks a fault case runs on what the second cycle left in /metrics.
import type { Sample } from "../../helpers/exposition.js";
import type { Observation } from "./fault-cases.js";
import { ZONE } from "./fault-scenario.js";
// ---------------------------------------------------------------------------------------------
// Checks for usable answers.

export function samplesFor(obs: Observation, name: string, match: Record<string, string>): Sample[] {
  return obs.samples.filter((s) => s.name === name && s.labels.zone_id === ZONE && Object.entries(match).every(([k, v]) => s.labels[k] === v));
}

/** The certificates of the source are still there (by cert_id), plus `extra`, minus `without`. */
export function certsPresent(ids: string[]): (obs: Observation) => string[] {
  return (obs) => {
    const missing = ids.filter((id) => !obs.certIdsAfter.includes(id));
    return missing.length ? [`certificates missing from /metrics: ${missing.map((id) => JSON.stringify(id)).join(", ")}`] : [];
  };
}

/** Combines checks. */
export function all(...checks: Array<(obs: Observation) => string[]>): (obs: Observation) => string[] {
  return (obs) => checks.flatMap((check) => check(obs));
}

/** The record of `certId` has a PEM parse error (matching `pattern` when given) and is still exported. */
export function parseErrorOn(certId: string, pattern?: RegExp): (obs: Observation) => string[] {
  return (obs) => {
    const failures: string[] = [];
    const records = obs.records.filter((r) => r.certId === certId);
    if (records.length === 0) return [`no record ${certId} in the inventory`];
    const errors = records.map((r) => r.parseError);
    if (errors.some((e) => e === null)) failures.push(`record ${certId} has no parse error (parsed: ${JSON.stringify(records.map((r) => r.parsed?.notAfter ?? null))})`);
    else if (pattern && !errors.some((e) => pattern.test(e!))) failures.push(`parse error of ${certId} is ${JSON.stringify(errors)}, expected ${pattern}`);
    if (samplesFor(obs, "certwatch_cert_parse_error", { source: obs.source, cert_id: certId }).length === 0) failures.push(`no certwatch_cert_parse_error series for ${certId}`);
    return failures;
  };
}

/** The record of `certId` parsed, with this notAfter (and notBefore) in Unix seconds. */
export function parsedDates(certId: string, notAfterSeconds: number, notBeforeSeconds?: number): (obs: Observation) => string[] {
  return (obs) => {
    const failures: string[] = [];
    const notAfter = samplesFor(obs, "certwatch_cert_not_after_timestamp_seconds", { source: obs.source, cert_id: certId });
    if (notAfter.length !== 1 || notAfter[0]!.value !== notAfterSeconds) failures.push(`not_after of ${certId} is ${JSON.stringify(notAfter.map((s) => s.value))}, expected ${notAfterSeconds}`);
    if (notBeforeSeconds !== undefined) {
      const notBefore = samplesFor(obs, "certwatch_cert_not_before_timestamp_seconds", { source: obs.source, cert_id: certId });
      if (notBefore.length !== 1 || notBefore[0]!.value !== notBeforeSeconds) failures.push(`not_before of ${certId} is ${JSON.stringify(notBefore.map((s) => s.value))}, expected ${notBeforeSeconds}`);
    }
    const expiry = samplesFor(obs, "certwatch_cert_expiry_timestamp_seconds", { source: obs.source, cert_id: certId, from_pem: "true" });
    if (expiry.length !== 1 || expiry[0]!.value !== notAfterSeconds) failures.push(`expiry of ${certId} is ${JSON.stringify(expiry.map((s) => s.value))}, expected ${notAfterSeconds} from the PEM`);
    return failures;
  };
}

/** The record of `certId` reports this status in certwatch_cert_status. */
export function statusIs(certId: string, status: string): (obs: Observation) => string[] {
  return (obs) =>
    samplesFor(obs, "certwatch_cert_status", { source: obs.source, cert_id: certId, status }).length >= 1
      ? []
      : [`no certwatch_cert_status{cert_id=${JSON.stringify(certId)},status=${JSON.stringify(status)}}`];
}

/** `n` items were skipped as invalid and counted in certwatch_items_invalid_total (with this reason, when given). */
export function countedInvalid(n = 1, reason?: string): (obs: Observation) => string[] {
  return (obs) => {
    const total = Object.values(obs.invalidDelta).reduce((a, b) => a + b, 0);
    if (total !== n) return [`certwatch_items_invalid_total increased by ${total} (${JSON.stringify(obs.invalidDelta)}), expected ${n}`];
    if (reason !== undefined && obs.invalidDelta[reason] !== n) return [`certwatch_items_invalid_total increased ${JSON.stringify(obs.invalidDelta)}, expected reason ${reason}`];
    return [];
  };
}

/** No record of the judged source has a PEM parse error. */
export function noParseErrors(obs: Observation): string[] {
  const bad = obs.records.filter((r) => r.parseError !== null);
  return bad.length ? [`unexpected parse errors: ${bad.map((r) => `${r.certId}: ${r.parseError}`).join("; ")}`] : [];
}

/** Every gap between two consecutive requests to the endpoint lies within [minMs, maxMs]. */
export function gapsWithin(minMs: number, maxMs: number): (obs: Observation) => string[] {
  return (obs) => {
    const at = obs.requests.map((r) => r.at);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    const bad = gaps.filter((g) => g < minMs || g > maxMs);
    return bad.length ? [`gaps between attempts ${JSON.stringify(gaps)} ms, expected each within [${minMs}, ${maxMs}]`] : [];
  };
}

/** The cycle took at most `ms` (a tighter bound than the hang limit). */
export function fasterThan(ms: number): (obs: Observation) => string[] {
  return (obs) => (obs.durationMs <= ms ? [] : [`the cycle took ${obs.durationMs} ms, expected at most ${ms}`]);
}

/** Records that stand for API id `id`: the id itself, or a copy of a repeated id (`<id>#…`). */
function isCopyOf(certId: string, id: string): boolean {
  return certId === id || certId.startsWith(`${id}#`);
}

/**
 * `n` separate records for the API id `id` (a repeated id): each with its own identity, so one
 * cannot hide the other, and each with its own series in /metrics.
 */
export function separateRecords(id: string, n: number, metric = "certwatch_cert_status"): (obs: Observation) => string[] {
  return (obs) => {
    const failures: string[] = [];
    const records = obs.records.filter((r) => isCopyOf(r.certId, id));
    const identities = new Set(records.map((r) => `${r.certId}\u0000${r.hostname}`));
    if (records.length !== n || identities.size !== n) {
      failures.push(`${records.length} records (${identities.size} distinct identities) for id ${JSON.stringify(id)}, expected ${n} separate ones: ${JSON.stringify(records.map((r) => r.certId))}`);
    }
    const series = obs.samples.filter((s) => s.name === metric && s.labels.zone_id === ZONE && s.labels.source === obs.source && isCopyOf(s.labels.cert_id ?? "", id));
    if (series.length !== n) failures.push(`${series.length} ${metric} series for id ${JSON.stringify(id)}, expected ${n}`);
    return failures;
  };
}
