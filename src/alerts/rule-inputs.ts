import type { Thresholds } from "../evaluate/expiry.js";
import { placementLabels, type CertificateRecord, type SourceName } from "../model/index.js";
import type { SourceHealth } from "../inventory/inventory.js";
import type { DiscoveryHealth } from "../scheduler/discovery-health.js";
import { alertFingerprint, type Alert, type AlertName, type BuiltInAlertLabels, type Severity } from "./alert.js";

export interface RuleSettings {
  pendingGraceMs: number;
  sourceDownAfterMs: number;
  /** The alerts runbook (alerts.runbook_base_url); each alert links to `#<alertname lowercased>`. */
  runbookUrl: string;
}

export interface RuleInputs {
  records: CertificateRecord[];
  health: SourceHealth[];
  thresholdsFor: (zoneId: string) => Thresholds;
  /** When the record's current status was first seen (for the pending grace). */
  statusSince: (record: CertificateRecord) => number;
  /** When a custom hostname's own status (attribute hostname_status) was first seen; `now` when absent. */
  hostnameStatusSince?: (record: CertificateRecord) => number;
  /** True when the zone's config names the source explicitly: then even an unavailable one must work. */
  sourceRequired?: (zoneId: string, source: SourceName) => boolean;
  /** Zone discovery's last listing; absent or null while discovery is off or has not run. */
  discovery?: DiscoveryHealth | null;
  settings: RuleSettings;
  now: number;
}

type Annotations = Omit<Alert["annotations"], "runbook" | "runbook_url">;
type Where = Omit<BuiltInAlertLabels, "alertname" | "severity">;

export function alertFor(record: CertificateRecord, alertname: AlertName, severity: Severity, settings: RuleSettings, annotations: Annotations): Alert {
  const where = { ...placementLabels(record), source: record.source, cert_id: record.certId, hostname: record.hostname };
  const packId = record.attributes.pack_id;
  const alert = buildAlert(alertname, severity, where, settings, typeof packId === "string" ? { ...annotations, pack_id: packId } : annotations);
  return record.parsed ? { ...alert, subjectCn: record.parsed.subjectCN } : alert;
}

export function buildAlert(alertname: AlertName, severity: Severity, where: Where, settings: RuleSettings, annotations: Annotations): Alert {
  const labels = { alertname, severity, ...where };
  const runbookUrl = `${settings.runbookUrl}#${alertname.toLowerCase()}`;
  return { fingerprint: alertFingerprint(labels), labels, annotations: { ...annotations, runbook_url: runbookUrl, runbook: runbookUrl } };
}
