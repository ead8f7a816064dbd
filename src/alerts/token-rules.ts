import type { Thresholds } from "../evaluate/expiry.js";
import type { TokenCheck } from "../credentials/token-verify.js";
import type { Alert } from "./alert.js";
import { buildAlert, type RuleSettings } from "./rule-inputs.js";
import { relativeDays, utc } from "./wording.js";

const DAY_MS = 86_400_000;

/** The last verification of each credential's API token, by credential name. */
export interface TokenChecks {
  readonly [credential: string]: TokenCheck;
}

/**
 * ApiTokenNotActive and ApiTokenExpiringSoon: the monitor pages before its own credential dies.
 * Account-wide, so the zone labels are empty; `cert_id` is the credential's name in the config,
 * the identity an operator rolls a token under (the token's own id is in the description).
 * A check that could not tell (status null) raises nothing here: a token Cloudflare refuses
 * outright already shows as every source down and certwatch_credentials_valid 0.
 */
export function apiTokenAlerts(checks: TokenChecks, thresholds: Thresholds, settings: RuleSettings, now: number): Alert[] {
  const alerts: Alert[] = [];
  for (const [credential, check] of Object.entries(checks)) {
    if (check.status === null) continue;
    const where = { zone: "", zone_id: "", source: "api_token", cert_id: credential, hostname: "" };
    const token = check.tokenId ? `API token ${check.tokenId} (credential "${credential}")` : `the API token of credential "${credential}"`;
    const expiresAt = check.expiresAt === null ? "" : new Date(check.expiresAt).toISOString();
    if (check.status !== "active") {
      alerts.push(
        buildAlert("ApiTokenNotActive", "critical", where, settings, {
          summary: `certwatch's API token for credential "${credential}" is ${check.status}`,
          description: `Cloudflare says ${token} is ${check.status}. Every request certwatch makes with it will fail and the certificates it reads go unwatched. Roll the token (see the runbook) and reload certwatch.`,
          expires_at: expiresAt,
        }),
      );
      continue;
    }
    if (check.expiresAt === null) continue;
    const daysLeft = (check.expiresAt - now) / DAY_MS;
    if (daysLeft >= thresholds.warning_days) continue;
    const severity = daysLeft < thresholds.critical_days ? "critical" : "warning";
    alerts.push(
      buildAlert("ApiTokenExpiringSoon", severity, where, settings, {
        summary: `certwatch's API token for credential "${credential}" expires ${relativeDays(check.expiresAt, now)}`,
        description: `${token} expires at ${utc(check.expiresAt)} (${relativeDays(check.expiresAt, now)}). After that Cloudflare refuses it and certwatch stops seeing every certificate it reads with it. Roll the token before then (see the runbook).`,
        expires_at: expiresAt,
      }),
    );
  }
  return alerts;
}
