/** Where each alert's `runbook` annotation points; `#<alertname in lowercase>` is appended. */
export const RUNBOOK_URL = "https://github.com/certwatch/certwatch/blob/main/docs/alerts.md";
