import type { AlertLabels } from "../alerts/alert.js";

/**
 * An alert's labels as Prometheus and Alertmanager carry them: a label whose value is empty does
 * not exist (Alertmanager's API deletes such labels on receipt, so its webhooks never show them).
 * Key order follows AlertLabels, so the JSON is stable.
 */
export function labelSet(labels: AlertLabels): Record<string, string> {
  const set: Record<string, string> = {};
  for (const [name, value] of Object.entries(labels)) if (value !== "") set[name] = value;
  return set;
}
