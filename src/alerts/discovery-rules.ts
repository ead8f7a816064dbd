import type { Alert } from "./alert.js";
import { buildAlert, type RuleInputs } from "./rule-inputs.js";
import { durationWords, utc } from "./wording.js";

/** No zone, source or certificate: the listing is account-wide, so those labels stay empty. */
const ACCOUNT_WIDE = { zone: "", zone_id: "", source: "", cert_id: "", hostname: "" };

/**
 * ZoneDiscoveryDown: `GET /zones` has failed for `alerts.source_down_after`, counted like
 * SourceDown (from the last good listing, else the first failure). The zones found before stay
 * watched, so it is a warning: what goes unseen is a zone added to the account meanwhile.
 */
export function zoneDiscoveryDownAlerts(inputs: RuleInputs): Alert[] {
  const discovery = inputs.discovery;
  if (!discovery || discovery.up) return [];
  const since = discovery.lastSuccessAt ?? discovery.failingSince ?? discovery.lastAttemptAt;
  if (inputs.now - since < inputs.settings.sourceDownAfterMs) return [];
  const last = discovery.lastSuccessAt === null ? "none has succeeded since certwatch started" : `the last good one was at ${utc(discovery.lastSuccessAt)}`;
  const error = `${discovery.lastError?.reason ?? "unknown"}: ${discovery.lastError?.message ?? ""}`;
  return [
    buildAlert("ZoneDiscoveryDown", "warning", ACCOUNT_WIDE, inputs.settings, {
      summary: "certwatch cannot list the account's zones (zone discovery)",
      description: `Zone discovery (GET /zones, and GET /accounts with discover.accounts) has failed for ${durationWords(inputs.now - since)} (${last}); last error: ${error}. certwatch keeps watching the zones it found before, but a zone added to the account meanwhile is not watched.`,
      expires_at: "",
    }),
  ];
}
