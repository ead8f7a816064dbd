import { describe, expect, it } from "vitest";
import { apiTokenAlerts } from "../../src/alerts/token-rules.js";
import type { TokenCheck } from "../../src/credentials/token-verify.js";

const NOW = Date.parse("2026-11-30T12:00:00Z");
const DAY = 86_400_000;
const thresholds = { warning_days: 30, critical_days: 7 };
const settings = { pendingGraceMs: 0, sourceDownAfterMs: 0, runbookUrl: "https://runbooks.example/alerts.md" };
const check = (over: Partial<TokenCheck>): TokenCheck => ({ status: "active", expiresAt: null, tokenId: "tok1", owner: "user", error: null, ...over });

describe("the API token rules", () => {
  it("raise nothing for an active token without an expiry, or one far from it", () => {
    expect(apiTokenAlerts({ default: check({}), other: check({ expiresAt: NOW + 90 * DAY }) }, thresholds, settings, NOW)).toEqual([]);
  });

  it("warn inside warning_days and page inside critical_days, named by credential", () => {
    const [warning] = apiTokenAlerts({ ops: check({ expiresAt: NOW + 20 * DAY }) }, thresholds, settings, NOW);
    expect(warning!.labels).toMatchObject({ alertname: "ApiTokenExpiringSoon", severity: "warning", source: "api_token", cert_id: "ops", zone: "", zone_id: "" });
    expect(warning!.annotations.expires_at).toBe(new Date(NOW + 20 * DAY).toISOString());
    expect(warning!.annotations.runbook_url).toBe("https://runbooks.example/alerts.md#apitokenexpiringsoon");
    const [critical] = apiTokenAlerts({ ops: check({ expiresAt: NOW + 2 * DAY }) }, thresholds, settings, NOW);
    expect(critical!.labels.severity).toBe("critical");
    expect(critical!.annotations.description).toContain("tok1");
  });

  it("page at once for a disabled or expired token, and not also for its date", () => {
    for (const status of ["disabled", "expired"]) {
      const alerts = apiTokenAlerts({ ops: check({ status, expiresAt: NOW - DAY }) }, thresholds, settings, NOW);
      expect(alerts.map((a) => [a.labels.alertname, a.labels.severity])).toEqual([["ApiTokenNotActive", "critical"]]);
      expect(alerts[0]!.annotations.summary).toContain(status);
    }
  });

  it("say nothing from a check that could not tell", () => {
    expect(apiTokenAlerts({ ops: check({ status: null, tokenId: null, error: "HTTP 503" }) }, thresholds, settings, NOW)).toEqual([]);
  });
});
