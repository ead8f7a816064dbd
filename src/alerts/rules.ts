import { listedHostnamePems, presentedCertificateKey, presentingHostnames, presentsListedCertificate } from "../evaluate/presented-certificate.js";
import { countValidCAs } from "../evaluate/trust-store.js";
import { placementLabels, placementWords, type CertificateRecord } from "../model/index.js";
import type { Alert } from "./alert.js";
import { certificateAlerts } from "./certificate-rules.js";
import { zoneDiscoveryDownAlerts } from "./discovery-rules.js";
import { buildAlert, type RuleInputs } from "./rule-inputs.js";
import { isGoneStatus } from "../stores/status-class.js";
import { notActiveAlerts } from "./status-rules.js";
import { describeSource, displayName, durationWords, utc } from "./wording.js";

export type { RuleInputs, RuleSettings } from "./rule-inputs.js";

/** Every alert that holds at `now`. A pure function of its inputs. */
export function evaluateAlerts(inputs: RuleInputs): Alert[] {
  const { now, settings } = inputs;
  const alerts: Alert[] = [];
  const hostnamesByCert = presentingHostnames(inputs.records);
  const listedPems = listedHostnamePems(inputs.records);
  for (const record of inputs.records) {
    if (isGoneStatus(record.status)) continue;
    const thresholds = inputs.thresholdsFor(record.zoneId);
    alerts.push(...notActiveAlerts(record, thresholds, settings, now, inputs.statusSince(record), inputs.hostnameStatusSince?.(record) ?? now));
    // Content presented on behalf of a listed certificate alerts once, on that certificate.
    if (presentsListedCertificate(record, listedPems)) continue;
    const usedBy = hostnamesByCert.get(presentedCertificateKey(record.zoneId, record.certId)) ?? [];
    alerts.push(...certificateAlerts(record, thresholds, settings, now, usedBy));
  }
  alerts.push(...trustStoreAlerts(inputs), ...sourceDownAlerts(inputs), ...zoneDiscoveryDownAlerts(inputs));
  return alerts;
}

function trustStoreAlerts(inputs: RuleInputs): Alert[] {
  const alerts: Alert[] = [];
  // Grouped once: filtering every record for each zone's store was O(zones × records).
  const stores = new Map<string, CertificateRecord[]>();
  for (const r of inputs.records) {
    if (r.source !== "trust_store" || isGoneStatus(r.status)) continue;
    const store = stores.get(r.zoneId);
    if (store) store.push(r);
    else stores.set(r.zoneId, [r]);
  }
  for (const slot of inputs.health) {
    if (slot.source !== "trust_store" || slot.lastSuccessAt === null) continue;
    const store = stores.get(slot.zoneId) ?? [];
    if (store.length === 0 || countValidCAs(store, inputs.now) > 0) continue;
    const where = { zone: slot.zoneName, zone_id: slot.zoneId, source: "trust_store", cert_id: "", hostname: "" };
    const listing = store
      .map((r) => `${displayName(r)} (${r.status ?? "no status"}, ${r.parsed ? `valid ${utc(r.parsed.notBefore)} to ${utc(r.parsed.notAfter)}` : "PEM unreadable"})`)
      .join("; ");
    alerts.push(
      buildAlert("TrustStoreNoValidCA", "critical", where, inputs.settings, {
        summary: `No valid CA left in the Custom Origin Trust Store of ${slot.zoneName}`,
        description: `None of the ${store.length} CAs in the trust store of zone ${slot.zoneName} is both active and inside its validity period: ${listing}. With Full (strict), Cloudflare cannot verify the origin and connections to it fail.`,
        expires_at: "",
      }),
    );
  }
  return alerts;
}

function sourceDownAlerts(inputs: RuleInputs): Alert[] {
  const alerts: Alert[] = [];
  for (const slot of inputs.health) {
    if (slot.up) continue;
    // A zone without the product answers 403 for good; that is not an outage unless the config asks for the source.
    if (slot.unavailable && !(inputs.sourceRequired?.(slot.zoneId, slot.source) ?? false)) continue;
    const since = slot.lastSuccessAt ?? slot.failingSince ?? slot.lastAttemptAt;
    if (inputs.now - since < inputs.settings.sourceDownAfterMs) continue;
    const where = { ...placementLabels(slot), source: slot.source, cert_id: "", hostname: "" };
    const last = slot.lastSuccessAt === null ? "not since certwatch started" : `last at ${utc(slot.lastSuccessAt)}`;
    alerts.push(
      buildAlert("SourceDown", "warning", where, inputs.settings, {
        summary: `certwatch cannot read ${slot.source} for ${slot.zoneName}`,
        description: `Polling ${describeSource(slot.source)}s of ${placementWords(slot)} has failed for ${durationWords(inputs.now - since)} (${last}); last error: ${slot.lastError?.reason ?? "unknown"}: ${slot.lastError?.message ?? ""}. Its last known certificates keep their alerts meanwhile.`,
        expires_at: "",
      }),
    );
  }
  return alerts;
}

