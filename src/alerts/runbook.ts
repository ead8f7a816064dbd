/**
 * The default `alerts.runbook_base_url`: each alert's `runbook_url` annotation is this page with
 * `#<alertname in lowercase>` appended.
 */
export const RUNBOOK_URL = "https://github.com/certwatch/certwatch/blob/main/docs/alerts.md";
