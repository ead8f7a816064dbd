import { severityRank } from "../alerts/alert.js";
import type { Thresholds } from "../evaluate/expiry.js";
import { certificateRows, renderTable } from "../report/certificate-table.js";
import { utcMinute } from "../clock/rfc3339.js";
import type { TokenCheck } from "../credentials/token-verify.js";
import { placementLabels, placementTitle } from "../model/index.js";
import type { CheckResult } from "./run-check.js";

const VERDICT = ["OK: nothing alerts", "WARNING: warning alerts", "CRITICAL: critical alerts", "UNKNOWN: a source could not be read"] as const;

/** The human table, soonest expiry first, then failing sources and the alerts. */
export function checkAsText(result: CheckResult, thresholds: Thresholds, now: number): string {
  const lines = [renderTable(certificateRows(result.records, thresholds, now, result.alerts)), ""];
  const down = result.health.filter((h) => !h.up);
  const discoveryError = result.discovery?.up === false ? result.discovery.lastError : null;
  if (discoveryError) lines.push(`zone discovery (GET /zones${result.discoversAccounts ? ", GET /accounts" : ""}): FAILED: ${discoveryError.reason}: ${discoveryError.message}`);
  for (const [credential, token] of Object.entries(result.tokens)) lines.push(`API token (credential ${credential}): ${tokenWords(token)}`);
  for (const h of down) {
    const why = h.unavailable ? "unavailable (403: product not enabled on the zone)" : `FAILED: ${h.lastError?.reason ?? "unknown"}: ${h.lastError?.message ?? ""}`;
    lines.push(`source ${h.source} of ${placementTitle(h)}: ${why}`);
  }
  if (down.length || discoveryError || Object.keys(result.tokens).length) lines.push("");
  for (const a of [...result.alerts].sort((x, y) => severityRank(y.labels.severity) - severityRank(x.labels.severity))) {
    const muted = a.silenced ? ` [silenced until ${a.silenced.until}: ${a.silenced.comment}]` : "";
    lines.push(`${(a.silenced ? "SILENCED" : a.labels.severity.toUpperCase()).padEnd(8)} ${a.labels.alertname.padEnd(28)} ${a.annotations.summary}${muted}`);
  }
  // As on the status page, a silenced alert still shows in its certificate's state; only the exit code leaves it out.
  lines.push(`${result.alerts.length ? "\n" : ""}${VERDICT[result.exitCode]} (exit ${result.exitCode})`);
  return `${lines.join("\n")}\n`;
}

/** The same content as JSON, for scripts. */
export function checkAsJson(result: CheckResult, thresholds: Thresholds, now: number): string {
  return `${JSON.stringify(
    {
      exit_code: result.exitCode,
      verdict: VERDICT[result.exitCode],
      certificates: certificateRows(result.records, thresholds, now, result.alerts),
      // null when discovery is off.
      discovery: result.discovery && { up: result.discovery.up, error: result.discovery.lastError },
      // By credential; none for a global API key.
      api_tokens: Object.fromEntries(
        Object.entries(result.tokens).map(([credential, t]) => [
          credential,
          { status: t.status, expires_on: t.expiresAt === null ? null : new Date(t.expiresAt).toISOString(), token_id: t.tokenId, error: t.error },
        ]),
      ),
      sources: result.health.map((h) => ({
        ...placementLabels(h),
        source: h.source,
        up: h.up,
        unavailable: h.unavailable,
        error: h.lastError,
      })),
      // silenced: null, or the silence muting the alert (not counted in exit_code).
      alerts: result.alerts.map((a) => ({ labels: a.labels, annotations: a.annotations, silenced: a.silenced ?? null })),
    },
    null,
    2,
  )}\n`;
}

function tokenWords(token: TokenCheck): string {
  if (token.status === null) return `could not verify: ${token.error ?? "no answer"}`;
  const expiry = token.expiresAt === null ? "no expiry" : `expires ${utcMinute(token.expiresAt)} UTC`;
  return `${token.status}, ${expiry}`;
}
