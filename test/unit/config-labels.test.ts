import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.js";
import { BUILT_IN_LABEL_NAMES } from "../../src/labels/built-in-names.js";
import { ZoneRoster } from "../../src/scheduler/zone-roster.js";
import { problemsOf, TOKEN_ENV } from "../helpers/config-problems.js";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const OTHER = "1".repeat(32);
const load = (text: string) => parseConfig(text, "a.yaml", TOKEN_ENV);
const NAME = "a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __)";
const BUILT_IN = `a label name certwatch does not use itself (not one of ${BUILT_IN_LABEL_NAMES.join(", ")})`;

describe("labels", () => {
  it("merges the global labels into every zone, the zone's own winning", () => {
    const config = load(`labels: { env: prod, team: core }\nzones:\n  - id: ${ZONE}\n    labels: { team: payments, tier: "1" }\n  - id: ${OTHER}\n`);
    expect(config.labels).toEqual({ env: "prod", team: "core" });
    expect(config.zones.map((z) => z.labels)).toEqual([{ env: "prod", team: "payments", tier: "1" }, { env: "prod", team: "core" }]);
  });

  it("leaves zones without labels as they were", () => {
    const config = load(`zones:\n  - id: ${ZONE}\n`);
    expect(config.labels).toEqual({});
    expect("labels" in config.zones[0]!).toBe(false);
  });

  it("gives discovered zones the global labels, also after a reload", () => {
    const roster = new ZoneRoster([], { thresholds: { warning_days: 30, critical_days: 7 }, labels: { env: "prod" } });
    roster.applyListing([{ id: OTHER, name: "found.test", status: "active" }]);
    expect(roster.known()[0]?.labels).toEqual({ env: "prod" });
    roster.setConfigured([], { thresholds: { warning_days: 30, critical_days: 7 }, labels: { env: "staging" } });
    expect(roster.known()[0]?.labels).toEqual({ env: "staging" });
  });

  it("checks names against Prometheus' rules and refuses certwatch's own, globally and per zone", () => {
    const text = `labels: { 1env: x, __meta: y, "team-name": z, zone: a, le: b, job: c }\nzones:\n  - id: ${ZONE}\n    labels: { severity: high, ok_name: v }\n`;
    expect(problemsOf(text)).toEqual([
      `bad.yaml: labels["1env"]: expected ${NAME}, found "1env"`,
      `bad.yaml: labels.__meta: expected ${NAME}, found "__meta"`,
      `bad.yaml: labels.team-name: expected ${NAME}, found "team-name"`,
      `bad.yaml: labels.zone: expected ${BUILT_IN}, found "zone"`,
      `bad.yaml: labels.le: expected ${BUILT_IN}, found "le"`,
      `bad.yaml: labels.job: expected ${BUILT_IN}, found "job"`,
      `bad.yaml: zones[0].labels.severity: expected ${BUILT_IN}, found "severity"`,
    ]);
  });

  it("takes string values only, and a mapping", () => {
    expect(problemsOf(`labels: { tier: 1, on: true }\nzones:\n  - id: ${ZONE}\n    labels: [a]\n`)).toEqual([
      "bad.yaml: labels.tier: expected a label value as a string (quote numbers and booleans), found 1",
      "bad.yaml: labels.on: expected a label value as a string (quote numbers and booleans), found true",
      'bad.yaml: zones[0].labels: expected a mapping of label names to string values, found ["a"]',
    ]);
  });
});

describe("alerts.silences", () => {
  const withSilences = (lines: string[], labels = "") => `zones:\n  - id: ${ZONE}\n${labels}alerts:\n  silences:\n${lines.map((l) => `    - ${l}`).join("\n")}\n`;

  it("reads matchers, until (with its offset) and comment", () => {
    const config = load(withSilences(['{ matchers: { hostname: "*.shop.test", team: pay }, until: 2026-12-31T23:59:59+01:00, comment: " CHG-7 " }'], "    labels: { team: pay }\n"));
    expect(config.alerts.silences).toEqual([
      { matchers: { hostname: "*.shop.test", team: "pay" }, until: { text: "2026-12-31T23:59:59+01:00", ms: Date.parse("2026-12-31T22:59:59Z") }, comment: "CHG-7" },
    ]);
    expect(load(`zones:\n  - id: ${ZONE}\n`).alerts.silences).toEqual([]);
  });

  it("accepts a silence already expired: it is ignored and logged, not an error", () => {
    expect(load(withSilences(['{ matchers: { alertname: X }, until: "2020-01-01T00:00:00Z", comment: old }'])).alerts.silences).toHaveLength(1);
  });

  it("refuses matchers it cannot match on, an until without offset or impossible, and no comment", () => {
    expect(
      problemsOf(
        withSilences([
          '{ matchers: { severity: critical, zone: "a*" }, until: "2026-12-31T00:00:00Z", comment: c }',
          "{ matchers: {}, until: 2026-12-31, comment: c }",
          '{ matchers: { zone: 3 }, until: "2026-02-30T00:00:00Z", comment: " ", note: x }',
          "{ until: 2026-12-31T00:00:00Z, comment: c }",
        ]),
      ),
    ).toEqual([
      'bad.yaml: alerts.silences[0].matchers.severity: expected one of alertname, zone, account, source, hostname, cert_id, subject_cn (the configured labels count), found "severity"',
      "bad.yaml: alerts.silences[1].matchers: expected a mapping of at least one of alertname, zone, account, source, hostname, cert_id, subject_cn (or a configured label) to a value or glob, found {}",
      'bad.yaml: alerts.silences[1].until: expected an RFC 3339 date and time with its offset, e.g. 2026-12-31T23:59:59Z, found "2026-12-31"',
      "bad.yaml: alerts.silences[2].matchers.zone: expected a value or glob (* any characters, ? one) as a string, found 3",
      'bad.yaml: alerts.silences[2].until: expected an RFC 3339 date and time with its offset, e.g. 2026-12-31T23:59:59Z, found "2026-02-30T00:00:00Z"',
      'bad.yaml: alerts.silences[2].comment: expected a comment saying why the alerts are muted (who asked, a ticket), found " "',
      "bad.yaml: alerts.silences[2].note: expected one of matchers, until, comment, found an unknown key",
      "bad.yaml: alerts.silences[3].matchers: expected a mapping of at least one of alertname, zone, account, source, hostname, cert_id, subject_cn (or a configured label) to a value or glob, found nothing",
    ]);
  });

  it("lets a matcher name a label configured globally or on any zone", () => {
    const text = withSilences(['{ matchers: { env: prod, team: "pay*", region: eu }, until: "2026-12-31T00:00:00Z", comment: c }'], "    labels: { team: pay }\n");
    expect(problemsOf(`labels: { env: prod }\n${text}`)).toEqual([
      'bad.yaml: alerts.silences[0].matchers.region: expected one of alertname, zone, account, source, hostname, cert_id, subject_cn, env, team (the configured labels count), found "region"',
    ]);
  });
});
