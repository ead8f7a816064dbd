/**
 * Grafana's template variables as a user sees them with "All" selected, so a panel's PromQL can
 * be run against Prometheus directly (the dashboard test and the preview renderer both do).
 */
export const GRAFANA_VARIABLES: Readonly<Record<string, string>> = {
  zone: ".*",
  source: ".*",
  datasource: "prometheus",
  // 4 × a 15 s scrape interval, as Grafana computes it.
  __rate_interval: "1m",
  __interval: "15s",
  __interval_ms: "15000",
  __range: "1h",
  __range_s: "3600",
  __range_ms: "3600000",
};

/** Replaces `$var`, `${var}` and `${var:format}` with the values above; an unknown variable throws. */
export function substituteVariables(expr: string): string {
  return expr.replace(/\$\{(\w+)(?::\w+)?\}|\$(\w+)/g, (whole, braced: string | undefined, bare: string | undefined) => {
    const value = GRAFANA_VARIABLES[braced ?? bare ?? ""];
    if (value === undefined) throw new Error(`no value for the template variable ${whole} in: ${expr}`);
    return value;
  });
}
