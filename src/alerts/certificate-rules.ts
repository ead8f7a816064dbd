import { DAY_MS, disagreeingApiExpiry, evaluateExpiry, type Thresholds } from "../evaluate/expiry.js";
import { unusedCertificateReason } from "../evaluate/presented-certificate.js";
import { placementWords, type CertificateRecord } from "../model/index.js";
import type { Alert, Severity } from "./alert.js";
import { alertFor, type RuleSettings } from "./rule-inputs.js";
import { rfc3339 } from "../clock/rfc3339.js";
import { apiErrorsLine, describeSource, displayName, relativeDays, utc } from "./wording.js";

/** Expiry, chain, mismatch and parse alerts of one certificate record. */
export function certificateAlerts(record: CertificateRecord, thresholds: Thresholds, settings: RuleSettings, now: number, usedBy: string[]): Alert[] {
  const name = displayName(record);
  const what = `${describeSource(record.source)} ${name} in ${placementWords(record)}`;
  const context = contextLine(record, usedBy);
  if (record.parseError !== null) {
    return [
      alertFor(record, "CertificateUnparsable", "warning", settings, {
        summary: `Certificate ${name} (${record.zoneName}) cannot be parsed`,
        description: `The PEM of the ${what} does not parse: ${record.parseError}. certwatch cannot tell when it expires.${context}`,
        expires_at: "",
      }),
    ];
  }
  const alerts: Alert[] = [];
  const expiry = evaluateExpiry(record, thresholds, now);
  if (expiry.expiresAt !== null && expiry.severity !== null && expiry.severity !== "ok") {
    const when = `${utc(expiry.expiresAt)} (${relativeDays(expiry.expiresAt, now)})`;
    const origin = expiry.fromPem ? "according to its PEM" : "according to the Cloudflare API (it exposes no PEM for this certificate)";
    // A certificate Cloudflare does not present cannot break a connection: it warns, never pages.
    const unused = unusedCertificateReason(record);
    const cap = (severity: Severity): Severity => (unused !== null ? "warning" : severity);
    const unusedNote = unused !== null ? ` ${unused}` : "";
    if (expiry.expired) {
      alerts.push(
        alertFor(record, "CertificateExpired", cap("critical"), settings, {
          summary: `Certificate ${name} (${record.zoneName}) has expired`,
          description: `The ${what} expired on ${when}, ${origin}.${unusedNote}${context}`,
          expires_at: rfc3339(expiry.expiresAt),
        }),
      );
    } else {
      const band = expiry.severity === "critical" ? thresholds.critical_days : thresholds.warning_days;
      alerts.push(
        alertFor(record, "CertificateExpiringSoon", cap(expiry.severity), settings, {
          summary: `Certificate ${name} (${record.zoneName}) expires ${relativeDays(expiry.expiresAt, now)}`,
          description: `The ${what} expires on ${when}, ${origin}: under ${band} days left.${unusedNote}${context}`,
          expires_at: rfc3339(expiry.expiresAt),
        }),
      );
    }
  }
  const parsed = record.parsed;
  if (!parsed) return alerts;
  const weakest = parsed.chain
    .slice(1)
    .filter((member) => member.notAfter < parsed.notAfter && member.notAfter - now < thresholds.warning_days * DAY_MS)
    .sort((a, b) => a.notAfter - b.notAfter)[0];
  if (weakest) {
    alerts.push(
      alertFor(record, "ChainCertificateExpiringSoon", "warning", settings, {
        summary: `A chain certificate of ${name} (${record.zoneName}) expires ${relativeDays(weakest.notAfter, now)}`,
        description: `In the bundle of the ${what}, "${weakest.subjectCN}" (issued by "${weakest.issuerCN}") expires on ${utc(weakest.notAfter)} (${relativeDays(weakest.notAfter, now)}), before the leaf (${utc(parsed.notAfter)}).${context}`,
        expires_at: rfc3339(weakest.notAfter),
      }),
    );
  }
  const apiClaim = disagreeingApiExpiry(record);
  if (apiClaim !== null) {
    alerts.push(
      alertFor(record, "CertificateExpiryMismatch", "warning", settings, {
        summary: `Cloudflare's expiry for ${name} (${record.zoneName}) disagrees with the certificate`,
        description: `The API says the ${what} expires on ${utc(apiClaim)}, but its PEM says ${utc(parsed.notAfter)} (${relativeDays(parsed.notAfter, now)}). certwatch trusts the PEM.${context}`,
        expires_at: rfc3339(parsed.notAfter),
      }),
    );
  }
  return alerts;
}

function contextLine(record: CertificateRecord, usedBy: string[]): string {
  const parts = [`cert_id ${record.certId || "-"}`];
  if (record.parsed) parts.push(`subject "${record.parsed.subjectCN}", issuer "${record.parsed.issuerCN}", serial ${record.parsed.serialHex}`);
  else if (record.apiIssuer) parts.push(`issuer "${record.apiIssuer}"`);
  const { hosts, pack_id: packId } = record.attributes;
  if (typeof hosts === "string") parts.push(`hosts ${hosts}`);
  if (typeof packId === "string") parts.push(`certificate pack ${packId}`);
  if (usedBy.length) parts.push(`used by ${usedBy.join(", ")}`);
  return ` (${parts.join("; ")})${apiErrorsLine(record)}`;
}
