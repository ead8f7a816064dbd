import { ALERT_LABEL_NAMES } from "../alerts/alert.js";

/**
 * Every label name certwatch itself puts on a series or an alert, and those Prometheus adds on
 * its side of a scrape or an alert. A configured label may use none of them: it would overwrite
 * certwatch's own, or be renamed `exported_*` by Prometheus. Kept here only; the metrics tests
 * check that /metrics uses no name missing from this list.
 */
export const BUILT_IN_LABEL_NAMES: readonly string[] = [
  ...ALERT_LABEL_NAMES,
  // The inventory families (metrics/snapshot).
  "subject_cn",
  "issuer_cn",
  "serial",
  "status",
  "ssl_status",
  "from_pem",
  "reason",
  // The operational, alerting and process metrics (prom-client).
  "sink",
  "outcome",
  "endpoint",
  "code",
  "credential",
  "version",
  "revision",
  "nodejs_version",
  "major",
  "minor",
  "patch",
  "le",
  "quantile",
  // Added by Prometheus: the target's labels and the ALERTS series' state.
  "job",
  "instance",
  "alertstate",
];

const BUILT_IN = new Set(BUILT_IN_LABEL_NAMES);

export function isBuiltInLabelName(name: string): boolean {
  return BUILT_IN.has(name);
}
