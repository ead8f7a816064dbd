import { describe, expect, it } from "vitest";
import { evaluateExpiry } from "../../src/evaluate/expiry.js";
import { countValidCAs } from "../../src/evaluate/trust-store.js";
import { DAY, NOW, record } from "../helpers/records.js";
import { certificateRows, renderTable } from "../../src/report/certificate-table.js";

const thresholds = { warning_days: 30, critical_days: 7 };

describe("evaluateExpiry", () => {
  it.each([
    [100, "ok", false],
    [30, "ok", false],
    [29.9, "warning", false],
    [7, "warning", false],
    [6.9, "critical", false],
    [0.001, "critical", false],
    [0, "critical", true],
    [-3, "critical", true],
  ])("with %d days left is %s (expired: %s)", (days, severity, expired) => {
    const evaluation = evaluateExpiry(record({ notAfter: NOW + days * DAY }), thresholds, NOW);
    expect(evaluation.severity).toBe(severity);
    expect(evaluation.expired).toBe(expired);
    expect(evaluation.daysLeft).toBeCloseTo(days, 6);
  });

  it("gives no date and no severity without a parsed PEM, whatever the API claims", () => {
    const evaluation = evaluateExpiry(record({ parsed: null, parseError: "bad", apiExpiresOn: NOW + DAY }), thresholds, NOW);
    expect(evaluation).toEqual({ expiresAt: null, fromPem: null, daysLeft: null, expired: false, severity: null });
  });

  it("uses the PEM's date, not the API's", () => {
    const evaluation = evaluateExpiry(record({ notAfter: NOW + 3 * DAY, apiExpiresOn: NOW + 200 * DAY }), thresholds, NOW);
    expect(evaluation.severity).toBe("critical");
    expect(evaluation.expiresAt).toBe(NOW + 3 * DAY);
  });
});

describe("countValidCAs", () => {
  it("counts only CAs that are active and inside their PEM validity now", () => {
    const store = [
      record({ certId: "ok" }),
      record({ certId: "expired-but-active", notAfter: NOW - DAY }),
      record({ certId: "not-yet-valid", notBefore: NOW + DAY }),
      record({ certId: "pending", status: "pending_deployment" }),
      record({ certId: "unparsable", parsed: null, parseError: "bad" }),
    ];
    expect(countValidCAs(store, NOW)).toBe(1);
    expect(countValidCAs([], NOW)).toBe(0);
  });
});

describe("certificate table", () => {
  it("sorts by time left, undated records last, and notes disagreements", () => {
    const rows = certificateRows(
      [
        record({ certId: "later", notAfter: NOW + 50 * DAY }),
        record({ parsed: null, parseError: "no PEM CERTIFICATE block found" }),
        record({ certId: "soon", notAfter: NOW + 2 * DAY, apiExpiresOn: NOW + 200 * DAY }),
      ],
      thresholds,
      NOW,
    );
    expect(rows.map((r) => [r.name, r.severity, r.daysLeft])).toEqual([
      ["svc.zone.test", "critical", "2.0"],
      ["svc.zone.test", "ok", "50.0"],
      ["cert-1", "-", "-"],
    ]);
    expect(rows[0]?.note).toBe("API says 2027-06-11");
    expect(rows[2]?.note).toBe("PEM does not parse: no PEM CERTIFICATE block found");
    const table = renderTable(rows).split("\n");
    expect(table[0]).toMatch(/^ZONE\s+SOURCE\s+NAME\s+STATUS\s+EXPIRES \(UTC\)\s+DAYS LEFT\s+SEVERITY\s+NOTE$/);
    expect(table).toHaveLength(4);
  });
});
