// Accounts end to end: the daemon against the simulator, account stores read per account,
// records and alerts placed under account/account_id, account discovery and its errors.
import { afterEach, describe, expect, it } from "vitest";
import type { Scenario } from "../../dev/simulator/scenario.js";
import { DEFAULT_ZONE_ACCOUNT } from "../../dev/simulator/state.js";
import { select, valueOf } from "../helpers/exposition.js";
import { startHarness, TEST_TOKEN, type Harness } from "../helpers/harness.js";

const ZONE = "b8".repeat(16);
const ACME = "ac".repeat(16);
const GLOBEX = "9b".repeat(16);
const zones = [{ id: ZONE, name: "acct.test", hostnames: [] }];

const scenario: Scenario = {
  zones: [{ id: ZONE, name: "acct.test", hostnameCertificates: [{ id: "fine", cn: "fine.acct.test", daysLeft: 300 }] }],
  accounts: [
    {
      id: ACME,
      name: "Acme",
      mtlsCertificates: [{ id: "m-soon", cn: "Acme Device CA", daysLeft: 20 }],
      accessCertificates: [{ id: "ac-5", name: "Allow devs", daysLeft: 5, associatedHostnames: ["admin.acme.test"] }],
      gatewayCertificates: [
        { id: "gw-live", cn: "Gateway CA live", daysLeft: 3 },
        { id: "gw-idle", cn: "Gateway CA idle", daysLeft: 3, bindingStatus: "pending_deployment" },
        { id: "gw-gone", cn: "Gateway CA old", daysLeft: -10, bindingStatus: "inactive" },
      ],
    },
    { id: GLOBEX, name: "Globex", accessEnabled: false, mtlsCertificates: [{ id: "m-fine", cn: "Globex Root", daysLeft: 400 }] },
  ],
};

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const accountAlerts = (harness: Harness) =>
  harness.daemon.alerts
    .firing()
    .filter((a) => a.labels.account_id)
    .map((a) => [a.labels.alertname, a.labels.severity, a.labels.account, a.labels.source, a.labels.cert_id])
    .sort();

describe("accounts", () => {
  it("reads each account store once per account and alerts under the account, Gateway CAs not in use capped, inactive ones ignored", async () => {
    h = await startHarness(scenario, zones, {
      accounts: [
        { id: ACME, name: "Acme", hostnames: [] },
        { id: GLOBEX, name: "Globex", hostnames: [] },
      ],
    });
    await h.daemon.firstCycle;
    for (const template of ["/accounts/:account_id/mtls_certificates", "/accounts/:account_id/access/certificates", "/accounts/:account_id/gateway/certificates"]) {
      expect([template, h.simulator.requestCount(template, ACME)]).toEqual([template, 1]);
    }
    // A zone reads no Access list unless its sources name it.
    expect(h.simulator.requestCount("/zones/:zone_id/access/certificates")).toBe(0);
    expect(accountAlerts(h)).toEqual([
      ["CertificateExpiringSoon", "critical", "Acme", "access_certificate", "ac-5"],
      ["CertificateExpiringSoon", "critical", "Acme", "gateway_certificate", "gw-live"],
      ["CertificateExpiringSoon", "warning", "Acme", "gateway_certificate", "gw-idle"],
      ["CertificateExpiringSoon", "warning", "Acme", "mtls_certificate", "m-soon"],
    ]);
    const alert = h.daemon.alerts.firing().find((a) => a.labels.cert_id === "gw-idle");
    expect(alert?.labels).toMatchObject({ zone: "", zone_id: "", account: "Acme", account_id: ACME });
    expect(alert?.annotations.summary).toContain("(Acme)");
    expect(alert?.annotations.description).toContain("in account Acme");

    const samples = await h.metrics();
    const expiry = select(samples, "certwatch_cert_expiry_timestamp_seconds", { account_id: ACME, cert_id: "ac-5" });
    expect(expiry.map((s) => s.labels)).toEqual([
      { zone: "", zone_id: "", account: "Acme", account_id: ACME, source: "access_certificate", cert_id: "ac-5", hostname: "", from_pem: "false" },
    ]);
    expect(valueOf(samples, "certwatch_cert_in_use", { account_id: ACME, cert_id: "gw-idle" })).toBe(0);
    expect(valueOf(samples, "certwatch_cert_in_use", { account_id: ACME, cert_id: "gw-live" })).toBe(1);
    expect(valueOf(samples, "certwatch_source_up", { account_id: ACME, source: "gateway_certificate" })).toBe(1);
    // Globex lacks Access (error 9999) while its other stores answer: an unavailable product, no SourceDown.
    expect(valueOf(samples, "certwatch_source_unavailable", { account_id: GLOBEX, source: "access_certificate" })).toBe(1);
    expect(valueOf(samples, "certwatch_source_up", { account_id: GLOBEX, source: "mtls_certificate" })).toBe(1);
    // The zone's series are as they were: no account labels.
    expect(select(samples, "certwatch_source_up", { zone_id: ZONE }).every((s) => !("account_id" in s.labels))).toBe(true);

    const page = await h.get("/");
    expect(page.body).toContain("account Acme");
  });

  it("discovers accounts from GET /accounts and from the zones it discovers", async () => {
    h = await startHarness(scenario, [], { discover: { enabled: true, accounts: true } });
    await h.daemon.firstCycle;
    expect(h.simulator.requestCount("/accounts")).toBe(1);
    const read = new Set(h.simulator.requests.filter((r) => r.template === "/accounts/:account_id/mtls_certificates").map((r) => r.accountId));
    expect([...read].sort()).toEqual([ACME, GLOBEX, DEFAULT_ZONE_ACCOUNT.id].sort());
    expect(accountAlerts(h).map((a) => a[4]).sort()).toEqual(["ac-5", "gw-idle", "gw-live", "m-soon"]);
    expect(valueOf(await h.metrics(), "certwatch_discovered_accounts")).toBe(3);
  });

  it("keeps to discover.account_id when that narrows discovery to one account", async () => {
    h = await startHarness(scenario, [], { discover: { enabled: true, accounts: true, account_id: ACME } });
    await h.daemon.firstCycle;
    const read = new Set(h.simulator.requests.filter((r) => r.template === "/accounts/:account_id/mtls_certificates").map((r) => r.accountId));
    expect([...read]).toEqual([ACME]);
    expect(valueOf(await h.metrics(), "certwatch_discovered_accounts")).toBe(1);
  });

  it("says to name the accounts when an account-owned token cannot list them (error 1001), and still reads its zones' account", async () => {
    h = await startHarness({ ...scenario, tokens: { [TEST_TOKEN]: { owner: "account", accountId: DEFAULT_ZONE_ACCOUNT.id } } }, [], { discover: { enabled: true, accounts: true } });
    await h.daemon.firstCycle;
    const refused = h.logs.entries().find((e) => e.msg === "discovery failed; keeping the zones and accounts found before");
    expect(JSON.stringify(refused)).toContain("name its account under accounts: in the config");
    expect(valueOf(await h.metrics(), "certwatch_zone_discovery_up")).toBe(0);
    expect(h.simulator.requestCount("/accounts/:account_id/mtls_certificates", DEFAULT_ZONE_ACCOUNT.id)).toBe(1);
  });
});
