import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Alert, AlertName, Severity } from "../../src/alerts/alert.js";
import { alertFor, buildAlert, type RuleSettings } from "../../src/alerts/rule-inputs.js";
import type { CertificateRecord } from "../../src/model/index.js";
import type { SourceHealth } from "../../src/inventory/inventory.js";
import {
  NO_FILTER,
  parseStatusPageFilter,
  renderStatusPage,
  STATUS_PAGE_HEADERS,
  statusPageModel,
  type StatusPageFilter,
} from "../../src/server/status-page.js";
import { DAY, health, NOW, record } from "../helpers/records.js";

const THRESHOLDS = { warning_days: 30, critical_days: 7 };
const SETTINGS: RuleSettings = { pendingGraceMs: 3_600_000, sourceDownAfterMs: 1_800_000, runbookUrl: "https://example.test/runbook" };
const HOSTILE = "<script>alert(1)</script>";

function alert(on: CertificateRecord, alertname: AlertName, severity: Severity): Alert {
  return alertFor(on, alertname, severity, SETTINGS, { summary: `${alertname} on ${on.certId}`, description: "", expires_at: "" });
}

function page(
  input: { records?: CertificateRecord[]; firing?: Alert[]; health?: SourceHealth[]; lastCycleAt?: number | null; thresholds?: typeof THRESHOLDS },
  filter: StatusPageFilter = NO_FILTER,
): string {
  const model = statusPageModel(
    {
      version: "9.9.9",
      lastCycleAt: input.lastCycleAt === undefined ? NOW - 42_000 : input.lastCycleAt,
      records: input.records ?? [],
      health: input.health ?? [],
      firing: input.firing ?? [],
      thresholdsFor: () => input.thresholds ?? THRESHOLDS,
    },
  );
  return renderStatusPage(model, NOW, filter);
}

interface ShownRow {
  state: string;
  zone: string;
  source: string;
  name: string;
  daysLeft: string;
  alerts: string;
}

/** The certificate rows as rendered, top to bottom. */
function rows(html: string): ShownRow[] {
  const table = /<table id="certificates"[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
  return [...table.matchAll(/<tr class="state-(\w+)" data-state="\w+">(.*?)<\/tr>/g)].map(([, state = "", cells = ""]) => {
    const td = [...cells.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1] ?? "");
    return {
      state,
      zone: td[0] ?? "",
      source: td[1] ?? "",
      name: (td[2] ?? "").replace(/<span class="secondary">.*<\/span>/, ""),
      daysLeft: td[5] ?? "",
      alerts: (td[7] ?? "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim(),
    };
  });
}

function filter(query: string): StatusPageFilter {
  return parseStatusPageFilter(new URLSearchParams(query));
}

describe("status page: order", () => {
  it("lists the soonest expiry first and the undated records last", () => {
    const html = page({
      records: [
        record({ certId: "later", hostname: "later.test", notAfter: NOW + 50 * DAY }),
        record({ certId: "undated", hostname: "undated.test", parsed: null, parseError: "bad PEM", apiExpiresOn: null }),
        record({ certId: "expired", hostname: "expired.test", notAfter: NOW - 2 * DAY }),
        record({ certId: "api-date", hostname: "api-date.test", pem: null, parsed: null, apiExpiresOn: NOW + 10 * DAY }),
        record({ certId: "soon", hostname: "soon.test", notAfter: NOW + 3 * DAY }),
      ],
    });
    expect(rows(html).map((r) => [r.name, r.daysLeft])).toEqual([
      ["expired.test", "-2.0"],
      ["soon.test", "3.0"],
      ["api-date.test", "10.0"],
      ["later.test", "50.0"],
      ["undated.test", "-"],
    ]);
    expect(html).toContain("date from the API (Cloudflare exposes no PEM)");
    expect(html).toContain("PEM does not parse: bad PEM");
  });

  it("uses each zone's thresholds (shown on the days-left cell)", () => {
    const html = page({ records: [record()], thresholds: { warning_days: 45, critical_days: 10 } });
    expect(html).toContain(`title="warning under 45 days, critical under 10 days"`);
  });
});

describe("status page: escaping", () => {
  it("escapes hostile names, subjects, zone names and error texts from the API", () => {
    const hostile = record({
      certId: `id-${HOSTILE}`,
      hostname: HOSTILE,
      zoneName: `zone"><img src=x onerror=alert(2)>`,
      status: `<b>active</b>`,
      parsed: null,
      parseError: `<iframe src="//evil">`,
    });
    const html = page({
      records: [hostile],
      firing: [alert(hostile, "CertificateUnparsable", "warning")],
      health: [health({ zoneName: HOSTILE, up: false, lastError: { reason: "http_5xx", message: `<svg onload=alert(3)>` } })],
    });
    expect(html).not.toMatch(/<script>alert|<img |<iframe|<svg|<b>active/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain(`<option>zone&quot;&gt;&lt;img src=x onerror=alert(2)&gt;</option>`);
    expect(html).toContain("&lt;svg onload=alert(3)&gt;");
    expect(html).toContain("PEM does not parse: &lt;iframe src=&quot;//evil&quot;&gt;");
  });

  it("escapes filter values reflected from the query string", () => {
    const html = page({ records: [record()] }, filter(`zone=${encodeURIComponent(`"><script>alert(4)</script>`)}`));
    expect(html).not.toContain("<script>");
    expect(html).toContain(`<option selected>&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;</option>`);
  });
});

describe("status page: states from the firing alerts", () => {
  const critical = record({ certId: "crit", hostname: "crit.test", notAfter: NOW + 3 * DAY });
  const warning = record({ certId: "warn", hostname: "warn.test", notAfter: NOW + 20 * DAY });
  const fine = record({ certId: "fine", hostname: "fine.test", notAfter: NOW + 200 * DAY });
  const unparsable = record({ certId: "garbage", hostname: "garbage.test", parsed: null, parseError: "not a PEM" });
  const pending = record({ certId: "pending", hostname: "pending.test", pem: null, parsed: null, apiExpiresOn: null, status: "pending_validation" });
  const stuck = record({ certId: "stuck", hostname: "stuck.test", pem: null, parsed: null, apiExpiresOn: null, status: "validation_timed_out" });
  const firing = [
    alert(critical, "CertificateExpiringSoon", "critical"),
    alert(critical, "ChainCertificateExpiringSoon", "warning"),
    alert(warning, "CertificateExpiringSoon", "warning"),
    alert(unparsable, "CertificateUnparsable", "warning"),
    alert(stuck, "CertificateNotActive", "critical"),
  ];

  it("takes the worst alert; a certificate without a date is unknown unless something critical fires", () => {
    const state = Object.fromEntries(rows(page({ records: [critical, warning, fine, unparsable, pending, stuck], firing })).map((r) => [r.name, r.state]));
    expect(state).toEqual({
      "crit.test": "critical",
      "warn.test": "warning",
      "fine.test": "ok",
      "garbage.test": "unknown",
      "pending.test": "unknown",
      "stuck.test": "critical",
    });
  });

  it("shows the state as text and lists the alert names, worst first", () => {
    const html = page({ records: [critical], firing });
    expect(html).toContain(`<span class="badge badge-critical">critical</span>`);
    expect(rows(html)[0]?.alerts).toBe("CertificateExpiringSoon critical ChainCertificateExpiringSoon warning");
  });

  it("is ok (not critical) from the expiry alone: the alerts decide", () => {
    // No alert evaluated yet (e.g. just restarted): the row does not invent one.
    expect(rows(page({ records: [critical] }))[0]?.state).toBe("ok");
  });

  it("gives an AOP hostname association the content alerts of the certificate it presents, not its status alerts", () => {
    const cert = record({ certId: "c1", source: "aop_hostname_cert", notAfter: NOW + 5 * DAY, status: "deployment_timed_out" });
    const association = record({ certId: "c1", source: "aop_hostname", hostname: "api.zone.test", notAfter: NOW + 5 * DAY });
    const other = record({ certId: "c2", source: "aop_hostname", hostname: "app.zone.test", notAfter: NOW + 5 * DAY });
    const firing = [alert(cert, "CertificateExpiringSoon", "warning"), alert(cert, "CertificateNotActive", "critical")];
    const shown = rows(page({ records: [cert, association, other], firing }));
    expect(shown.map((r) => [r.name, r.state, r.alerts])).toEqual([
      ["svc.zone.test", "critical", "CertificateNotActive critical CertificateExpiringSoon warning"],
      ["api.zone.test", "warning", "CertificateExpiringSoon warning (on its certificate)"],
      ["app.zone.test", "ok", ""],
    ]);
  });

  it("puts source-level alerts (SourceDown) on the source-health row, not on a certificate", () => {
    const down = health({ source: "trust_store", up: false, failingSince: NOW - 3_600_000, lastError: { reason: "timeout", message: "no answer" } });
    const sourceDown = buildAlert(
      "SourceDown",
      "warning",
      { zone: "zone.test", zone_id: down.zoneId, source: "trust_store", cert_id: "", hostname: "" },
      SETTINGS,
      { summary: "down", description: "", expires_at: "" },
    );
    const html = page({ records: [fine], health: [down], firing: [sourceDown] });
    expect(rows(html)[0]?.state).toBe("ok");
    const sources = /<table id="sources"[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
    expect(sources).toContain("SourceDown");
    expect(sources).toContain("timeout: no answer");
  });
});

describe("status page: filters", () => {
  const records = [
    record({ certId: "a", hostname: "a.one.test", zoneName: "one.test", source: "aop_hostname_cert", notAfter: NOW + 3 * DAY }),
    record({ certId: "b", hostname: "b.one.test", zoneName: "one.test", source: "custom_hostname", notAfter: NOW + 20 * DAY }),
    record({ certId: "c", hostname: "c.two.test", zoneId: "f".repeat(32), zoneName: "two.test", source: "custom_hostname", notAfter: NOW + 200 * DAY }),
    record({ certId: "d", hostname: "d.two.test", zoneId: "f".repeat(32), zoneName: "two.test", source: "trust_store", notAfter: NOW + 25 * DAY }),
  ];
  const firing = [
    alert(records[0]!, "CertificateExpiringSoon", "critical"),
    alert(records[1]!, "CertificateExpiringSoon", "warning"),
    alert(records[3]!, "CertificateExpiringSoon", "warning"),
  ];
  const healthRows = [health({ zoneName: "one.test" }), health({ zoneId: "f".repeat(32), zoneName: "two.test", source: "custom_hostname" })];
  const names = (query: string) => rows(page({ records, firing, health: healthRows }, filter(query))).map((r) => r.name);

  it("filters by zone, source and state, alone or together", () => {
    expect(names("")).toEqual(["a.one.test", "b.one.test", "d.two.test", "c.two.test"]);
    expect(names("zone=two.test")).toEqual(["d.two.test", "c.two.test"]);
    expect(names("source=custom_hostname")).toEqual(["b.one.test", "c.two.test"]);
    expect(names("state=warning")).toEqual(["b.one.test", "d.two.test"]);
    expect(names("state=critical")).toEqual(["a.one.test"]);
    expect(names("zone=two.test&state=warning")).toEqual(["d.two.test"]);
    expect(names("zone=&source=&state=")).toEqual(["a.one.test", "b.one.test", "d.two.test", "c.two.test"]);
  });

  it("says so when nothing matches, and keeps the asked value selected", () => {
    const html = page({ records, firing }, filter("zone=three.test"));
    expect(rows(html)).toEqual([]);
    expect(html).toContain("No certificate matches the filter.");
    expect(html).toContain(`<option selected>three.test</option>`);
  });

  it("is a plain GET form with the current choices selected", () => {
    const html = page({ records, firing }, filter("zone=one.test&state=warning"));
    expect(html).toMatch(/<form class="filters" method="get" action="\/"/);
    expect(html).toContain(`<select name="zone">`);
    expect(html).toContain(`<select name="source">`);
    expect(html).toContain(`<select name="state">`);
    expect(html).toContain(`<option selected>one.test</option>`);
    expect(html).toContain(`<option selected>warning</option>`);
    expect(html).toContain(`<button type="submit">Filter</button>`);
    expect(html).toContain("Showing 1 of 4 certificates (filtered)");
  });

  it("filters the source-health table by zone and source too", () => {
    const html = page({ records, firing, health: healthRows }, filter("zone=two.test"));
    const sources = /<table id="sources"[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
    expect(sources).toContain("two.test");
    expect(sources).not.toContain("one.test");
  });

  it("counts every certificate per state in the header, whatever the filter", () => {
    const html = page({ records, firing }, filter("state=critical"));
    const counts = Object.fromEntries([...html.matchAll(/<a class="count count-(\w+)" href="[^"]*"><strong>(\d+)<\/strong>/g)].map((m) => [m[1], Number(m[2])]));
    expect(counts).toEqual({ critical: 1, warning: 2, unknown: 0, ok: 1 });
    expect(html).toContain(`<strong>4</strong> total`);
    expect(html).toContain(`href="/?state=critical"`);
    expect(html).toContain("<title>certwatch: 1 critical, 2 warning</title>");
  });
});

describe("status page: header and empty inventory", () => {
  it("shows the version, the last cycle and a link to /metrics", () => {
    const html = page({ records: [record()] });
    expect(html).toContain(`certwatch <span class="version">9.9.9</span>`);
    expect(html).toContain(`Last cycle: <time datetime="2026-11-23T11:59:18.000Z">2026-11-23 11:59</time> UTC (42 s ago)`);
    expect(html).toContain(`<a href="/metrics">/metrics</a>`);
  });

  it("says there was no cycle yet before the first one", () => {
    const html = page({ lastCycleAt: null });
    expect(html).toContain("No poll cycle yet");
    expect(html).toContain("No certificates in the inventory: the first poll cycle has not finished yet.");
    expect(html).toContain("No source has been polled yet.");
    expect(html).not.toContain(`<table id="certificates"`);
  });

  it("renders an empty inventory after a cycle", () => {
    const html = page({ health: [health()] });
    expect(html).toContain("No certificates in the inventory: no source reported any certificate.");
    expect(html).toMatch(/<strong>0<\/strong> critical/);
    expect(html).toContain(`<table id="sources"`);
    expect(html).toContain("<title>certwatch</title>");
  });

  it("shows each source as up, down or unavailable with its last success and error", () => {
    const html = page({
      health: [
        health({ source: "aop_hostname_cert" }),
        health({ source: "trust_store", up: false, lastSuccessAt: null, failingSince: NOW - 600_000, lastError: { reason: "forbidden", message: "403 Forbidden" } }),
        health({ source: "custom_hostname", up: false, unavailable: true, lastSuccessAt: null, lastError: { reason: "forbidden", message: "not entitled" } }),
      ],
    });
    const sources = /<table id="sources"[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
    const states = [...sources.matchAll(/data-health="(\w+)"><td>[^<]*<\/td><td>(\w+)<\/td>/g)].map((m) => [m[2], m[1]]);
    expect(states).toEqual([
      ["trust_store", "down"],
      ["aop_hostname_cert", "up"],
      ["custom_hostname", "unavailable"],
    ]);
    expect(sources).toContain("forbidden: 403 Forbidden");
    expect(sources).toContain("never");
    expect(sources).toContain("since <time");
  });
});

describe("status page: Content-Security-Policy", () => {
  it("allows exactly the inline style block by its hash, and nothing else", () => {
    const html = page({ records: [record()] });
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    const hash = createHash("sha256").update(style, "utf8").digest("base64");
    const csp = STATUS_PAGE_HEADERS["content-security-policy"] ?? "";
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    for (const directive of ["default-src 'none'", "script-src 'none'", "img-src 'none'", "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(STATUS_PAGE_HEADERS).toMatchObject({ "x-content-type-options": "nosniff", "referrer-policy": "no-referrer", "cache-control": "no-store" });
    // Nothing a strict policy would block: no script, no style attribute, no external reference.
    expect(html).not.toMatch(/<script|\sstyle=|\son\w+=|<img|<link|https?:\/\//);
  });
});
