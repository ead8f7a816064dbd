import { rfc3339 } from "../clock/rfc3339.js";
import { DAY_MS, evaluateExpiry, statedExpiry, type Thresholds } from "../evaluate/expiry.js";
import { isWithheldAssociation } from "../evaluate/presented-certificate.js";
import { placementWords, type CertificateRecord } from "../model/index.js";
import type { Alert } from "./alert.js";
import { alertFor, type RuleSettings } from "./rule-inputs.js";
import { isPendingHostnameStatus } from "../stores/custom-hostname/store.js";
import { classifyStatus } from "../stores/status-class.js";
import { apiErrorsLine, describeSource, displayName, durationWords, utc } from "./wording.js";

/** At most one CertificateNotActive per record: the most urgent reason wins. */
export function notActiveAlerts(
  record: CertificateRecord,
  thresholds: Thresholds,
  settings: RuleSettings,
  now: number,
  statusSince: number,
  hostnameStatusSince: number = now,
): Alert[] {
  const name = displayName(record);
  const what = `${describeSource(record.source)} ${name} in ${placementWords(record)}`;
  const summary = (state: string) => `${name} (${record.zoneName}, ${record.source}) is ${state}`;
  const stated = statedExpiry(record);
  const expiresAt = stated === null ? "" : rfc3339(stated);
  const errors = apiErrorsLine(record);
  const fire = (severity: "warning" | "critical", state: string, description: string) => [
    alertFor(record, "CertificateNotActive", severity, settings, { summary: summary(state), description: description + errors, expires_at: expiresAt }),
  ];
  const status = record.status;
  const statusClass = status === null ? "healthy" : classifyStatus(status);
  const hostnameStatus = record.attributes.hostname_status;

  if (status !== null && statusClass === "failed") {
    return fire("critical", status, `Cloudflare reports the ${what} as "${status}": a failed state that will not recover on its own.`);
  }
  if (typeof hostnameStatus === "string" && classifyStatus(hostnameStatus) === "failed") {
    return fire("critical", `in hostname status "${hostnameStatus}"`, `Cloudflare reports the custom hostname ${record.hostname} of zone ${record.zoneName} as "${hostnameStatus}": it no longer serves traffic through the zone.`);
  }
  if (isWithheldAssociation(record) && statusClass !== "missing" && record.attributes.cert_status === "active") {
    const state = record.attributes.enabled === false ? "disabled" : "voided (enabled: null)";
    return fire("warning", `an AOP association that is ${state}`, `The ${what} has an active certificate but the association is ${state}, so Cloudflare does not present the client certificate to the origin for ${record.hostname}.`);
  }
  if (statusClass === "missing") {
    return fire("warning", "without an AOP association", `${record.hostname} is configured to be watched, but Cloudflare has no Authenticated Origin Pulls association for it: no client certificate is presented to its origin.`);
  }
  if (status === "pending_expiration") {
    return fire("warning", `"${status}"`, `Cloudflare reports the ${what} as "${status}": its certificate is about to expire and no replacement is active yet.`);
  }
  // Validation that has not finished while the current certificate runs out will not finish in time by itself.
  const expiry = evaluateExpiry(record, thresholds, now);
  if (status === "pending_validation" && expiry.expiresAt !== null && expiry.expiresAt - now < thresholds.warning_days * DAY_MS) {
    return fire("warning", `still "${status}" with ${((expiry.expiresAt - now) / DAY_MS).toFixed(1)} days left`, `Cloudflare is still validating the ${what} while its certificate expires on ${utc(expiry.expiresAt)}: renewal needs the validation to complete first.`);
  }
  // The certificate may be active while the hostname itself never finished verification: it serves nothing yet.
  if (typeof hostnameStatus === "string" && isPendingHostnameStatus(hostnameStatus) && now - hostnameStatusSince > settings.pendingGraceMs) {
    return fire("warning", `stuck in hostname status "${hostnameStatus}"`, `Cloudflare has reported the custom hostname ${record.hostname} of zone ${record.zoneName} as "${hostnameStatus}" since ${utc(hostnameStatusSince)} (${durationWords(now - hostnameStatusSince)}), longer than the ${durationWords(settings.pendingGraceMs)} verification normally takes: the hostname does not serve traffic through the zone until it is active.`);
  }
  if (status !== null && statusClass === "transitional" && now - statusSince > settings.pendingGraceMs) {
    return fire("warning", `stuck in "${status}"`, `Cloudflare has reported the ${what} as "${status}" since ${utc(statusSince)} (${durationWords(now - statusSince)}), longer than the ${durationWords(settings.pendingGraceMs)} a change normally takes.`);
  }
  return [];
}
