// The status page leads with a banner while Cloudflare refuses the credentials everywhere; the
// message comes from the API, so it is escaped like everything else, and the CSP stays strict.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { CredentialsState } from "../../src/inventory/inventory.js";
import { renderStatusPage, STATUS_PAGE_HEADERS, statusPageModel } from "../../src/server/status-page.js";
import type { StatusPageInput } from "../../src/server/status-page-model.js";
import { apiTokenAlerts, type TokenChecks } from "../../src/alerts/token-rules.js";
import { NOW } from "../helpers/records.js";

function page(credentials?: CredentialsState): string {
  const model = statusPageModel(
    {
      version: "9.9.9",
      lastCycleAt: NOW - 42_000,
      records: [],
      health: [],
      firing: [],
      thresholdsFor: () => ({ warning_days: 30, critical_days: 7 }),
      ...(credentials ? { credentials } : {}),
    },
  );
  return renderStatusPage(model, NOW);
}

describe("credentials banner", () => {
  it("says the token was rejected, for how many zones, with the escaped first answer", () => {
    const html = page({ valid: false, rejectedZones: 12, message: "HTTP 401: 10000 <script>alert(1)</script>" });
    expect(html).toMatch(/<p class="banner banner-critical" id="credentials-rejected" role="alert"><strong>Cloudflare rejected the API token for all 12 zones:<\/strong> HTTP 401: 10000 &lt;script&gt;alert\(1\)&lt;\/script&gt;\./);
    expect(html).not.toContain("<script>");
    expect(html.indexOf("credentials-rejected")).toBeLessThan(html.indexOf("<header>"));
  });

  it("is absent while the credentials work or nothing is known yet", () => {
    expect(page({ valid: true, rejectedZones: 0, message: null })).not.toContain("credentials-rejected");
    expect(page({ valid: null, rejectedZones: 0, message: null })).not.toContain("credentials-rejected");
    expect(page()).not.toContain("credentials-rejected");
  });

  it("is styled by the hashed stylesheet only: no style attribute, CSP hash still matches", () => {
    const html = page({ valid: false, rejectedZones: 1, message: "Authentication error" });
    expect(html).toContain("for the 1 zone:");
    expect(html).not.toMatch(/\sstyle=/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    expect(style).toContain(".banner-critical");
    const hash = `'sha256-${createHash("sha256").update(style, "utf8").digest("base64")}'`;
    expect(STATUS_PAGE_HEADERS["content-security-policy"]).toContain(`style-src ${hash}`);
  });
});

describe("zone discovery banner", () => {
  function withDiscovery(discovery: StatusPageInput["discovery"]): string {
    const model = statusPageModel(
      { version: "9.9.9", lastCycleAt: NOW, records: [], health: [], firing: [], thresholdsFor: () => ({ warning_days: 30, critical_days: 7 }), discovery },
    );
    return renderStatusPage(model, NOW);
  }

  it("says since when GET /zones fails, with the escaped error", () => {
    const html = withDiscovery({
      up: false,
      lastSuccessAt: null,
      lastAttemptAt: NOW,
      failingSince: NOW - 3_600_000,
      lastError: { reason: "http_5xx", message: "HTTP 502 <b>bad gateway</b>" },
    });
    expect(html).toContain('id="discovery-failing"');
    expect(html).toContain("HTTP 502 &lt;b&gt;bad gateway&lt;/b&gt;");
    expect(html).toContain("60 min ago");
  });

  it("is absent while discovery works or is off", () => {
    expect(withDiscovery({ up: true, lastSuccessAt: NOW, lastAttemptAt: NOW, failingSince: null, lastError: null })).not.toContain("discovery-failing");
    expect(withDiscovery(null)).not.toContain("discovery-failing");
  });
});

describe("API token banners", () => {
  const settings = { pendingGraceMs: 0, sourceDownAfterMs: 0, runbookUrl: "https://runbooks.example/alerts.md" };
  function withTokens(checks: TokenChecks): string {
    const firing = apiTokenAlerts(checks, { warning_days: 30, critical_days: 7 }, settings, NOW);
    const model = statusPageModel({ version: "9.9.9", lastCycleAt: NOW, records: [], health: [], firing, thresholdsFor: () => ({ warning_days: 30, critical_days: 7 }) });
    return renderStatusPage(model, NOW);
  }
  const active = { status: "active", tokenId: "t1", owner: "user" as const, error: null };

  it("shows certwatch's own token alerts above the table, critical first, escaped", () => {
    const html = withTokens({
      ops: { ...active, expiresAt: NOW + 20 * 86_400_000 },
      "<b>ci</b>": { ...active, status: "disabled", expiresAt: null },
    });
    const critical = html.indexOf('class="banner banner-critical" data-alertname="ApiTokenNotActive"');
    const warning = html.indexOf('class="banner banner-warning" data-alertname="ApiTokenExpiringSoon"');
    expect(critical).toBeGreaterThan(-1);
    expect(warning).toBeGreaterThan(critical);
    expect(html).toContain("certwatch&#39;s API token for credential &quot;&lt;b&gt;ci&lt;/b&gt;&quot; is disabled");
    expect(html).not.toContain("<b>ci</b>");
    expect(warning).toBeLessThan(html.indexOf("<form class=\"filters\""));
  });

  it("shows none while the tokens are fine", () => {
    expect(withTokens({ ops: { ...active, expiresAt: null } })).not.toContain("data-alertname=");
  });
});
