import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyStatus, isGoneStatus } from "../status-class.js";
import { pollStore } from "../../../test/helpers/store-poll.js";
import { select, valueOf, type Sample } from "../../../test/helpers/exposition.js";
import { startHarness, type Harness } from "../../../test/helpers/harness.js";
import type { Alert } from "../../alerts/alert.js";
import { buildState } from "../../../dev/simulator/scenario.js";
import { startSimulator } from "../../../dev/simulator/server.js";
import { clientCertificate } from "./store.js";

const LIST = "/zones/:zone_id/client_certificates";
const DAY_MS = 86_400_000;

describe("client_certificate", () => {
  it("maps each certificate with its PEM, status, API expiry, CA name and identifiers", async () => {
    const { poll, requests } = await pollStore(clientCertificate, {
      clientCertificates: [{ id: "0123456789abcdef0123456789abcdef", cn: "device-1.example.com", daysLeft: 40, apiExpiresOn: { daysLeft: 41 } }],
    });
    expect(poll.items).toHaveLength(1);
    const item = poll.items[0]!;
    expect(item.certId).toBe("0123456789abcdef0123456789abcdef");
    expect(item.hostname).toBe("");
    expect(item.status).toBe("active");
    expect(item.pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(item.apiIssuer).toBe("Cloudflare Managed CA for account");
    // The API's date is kept as it says; the PEM's notAfter (40 days) wins later, in src/evaluate/expiry.ts.
    expect(Math.round((item.apiExpiresOn! - Date.now()) / DAY_MS)).toBe(41);
    expect(item.attributes.common_name).toBe("device-1.example.com");
    expect(item.attributes.serial_number).toMatch(/^[0-9a-f]+$/);
    expect(item.attributes.fingerprint_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(poll.invalid?.example ?? null).toBeNull();
    expect(requests).toHaveLength(1);
  });

  it("sends status=all and reads every page, 50 a page", async () => {
    const clientCertificates = Array.from({ length: 55 }, (_, i) => ({ cn: `device-${i}`, daysLeft: 100 + i }));
    const { poll, requests } = await pollStore(clientCertificate, { clientCertificates });
    expect(poll.items).toHaveLength(55);
    const lists = requests.filter((r) => r.template === LIST);
    expect(lists).toHaveLength(2);
    expect(lists.map((r) => [r.query.status, r.query.page, r.query.per_page])).toEqual([
      ["all", "1", "50"],
      ["all", "2", "50"],
    ]);
  });

  it("keeps every status, the ones the unfiltered list would leave out included", async () => {
    const statuses = ["active", "pending_reactivation", "pending_revocation", "revoked"];
    const { poll } = await pollStore(clientCertificate, { clientCertificates: statuses.map((status, i) => ({ cn: `device-${i}`, daysLeft: 60, status })) });
    expect(poll.items.map((item) => item.status)).toEqual(statuses);
  });

  it("classes active healthy, pending_* transitional, revoked gone", () => {
    expect(clientCertificate.statuses.documented.map((status) => [status, classifyStatus(status)])).toEqual([
      ["active", "healthy"],
      ["pending_reactivation", "transitional"],
      ["pending_revocation", "transitional"],
      ["revoked", "gone"],
    ]);
    expect(isGoneStatus("revoked")).toBe(true);
  });

  it("reads a zone without client certificates (or without API Shield) as an empty list, in one request", async () => {
    const { poll, requests } = await pollStore(clientCertificate, {});
    expect(poll.items).toEqual([]);
    expect(requests.map((r) => r.template)).toEqual([LIST]);
  });

  it("skips an item without an id and keeps the rest", async () => {
    const { poll } = await pollStore(clientCertificate, { clientCertificates: [{ id: "", cn: "no-id", daysLeft: 30 }, { cn: "ok", daysLeft: 30 }] });
    expect(poll.items.map((item) => item.attributes.common_name)).toEqual(["ok"]);
    expect(poll.invalid?.counts).toEqual({ missing_id: 1 });
  });
});

describe("client_certificate in the simulator", () => {
  it("lists only active certificates without a status filter (undocumented; why certwatch sends status=all), every one with status=all, and refuses an unknown filter", async () => {
    const zoneId = "0123456789abcdef0123456789abcdef";
    const statuses = ["active", "pending_reactivation", "pending_revocation", "revoked"];
    const state = await buildState({ zones: [{ id: zoneId, name: "sim.test", clientCertificates: statuses.map((status, i) => ({ cn: `d${i}`, daysLeft: 30, status })) }] });
    const sim = await startSimulator({ state, apiToken: "sim-token" });
    try {
      const list = async (query: string) => {
        const response = await fetch(`${sim.baseUrl}/zones/${zoneId}/client_certificates${query}`, { headers: { authorization: "Bearer sim-token" } });
        return { status: response.status, body: (await response.json()) as { result: Array<{ status: string; certificate_authority: { name: string } }> | null } };
      };
      expect((await list("")).body.result?.map((c) => c.status)).toEqual(["active"]);
      const all = await list("?status=all&per_page=50");
      expect(all.body.result?.map((c) => c.status)).toEqual(statuses);
      expect(all.body.result?.[0]?.certificate_authority.name).toBe("Cloudflare Managed CA for account");
      expect((await list("?status=pending_revocation")).body.result?.map((c) => c.status)).toEqual(["pending_revocation"]);
      expect((await list("?status=bogus")).status).toBe(400);
      expect((await list("?status=all&per_page=51")).status).toBe(400);
    } finally {
      await sim.close();
    }
  });
});

describe("client_certificate through the daemon", () => {
  const ZONE = "c11e57ce7c11e57ce7c11e57ce7c11e5";
  const OTHER = "d22f68df8d22f68df8d22f68df8d22f6";
  const IDS = { healthy: "c1000000000000000000000000000001", critical: "c1000000000000000000000000000002", revokedExpired: "c1000000000000000000000000000003", pendingRevocation: "c1000000000000000000000000000004" };
  let h: Harness;
  let samples: Sample[];
  let alerts: Alert[];

  beforeAll(async () => {
    h = await startHarness(
      {
        zones: [
          {
            id: ZONE,
            name: "mtls.test",
            clientCertificates: [
              { id: IDS.healthy, cn: "sensor-1.mtls.test", daysLeft: 300 },
              { id: IDS.critical, cn: "sensor-2.mtls.test", daysLeft: 5 },
              { id: IDS.revokedExpired, cn: "sensor-old.mtls.test", daysLeft: -30, status: "revoked" },
              { id: IDS.pendingRevocation, cn: "sensor-3.mtls.test", daysLeft: 200, status: "pending_revocation" },
            ],
          },
          { id: OTHER, name: "noshield.test", clientCertificates: [{ cn: "never-read", daysLeft: 3 }] },
        ],
      },
      [
        { id: ZONE, name: "mtls.test", hostnames: [] },
        { id: OTHER, name: "noshield.test", hostnames: [] },
      ],
      // Cloudflare documents no error for a zone without API Shield: a 403 is what the daemon must survive.
      { beforeStart: (sim) => sim.injectFault({ template: LIST, zoneId: OTHER, status: 403, times: Infinity }) },
    );
    await h.daemon.firstCycle;
    samples = await h.metrics();
    alerts = h.daemon.alerts.firing().filter((a) => a.labels.source === "client_certificate");
  });
  afterAll(async () => h.close());

  it("alerts on the certificate expiring in 5 days, not on the healthy or the revoked expired one", () => {
    const keys = alerts.map((a) => `${a.labels.alertname}/${a.labels.severity}/${a.labels.cert_id}`).sort();
    expect(keys).toEqual([`CertificateExpiringSoon/critical/${IDS.critical}`]);
    const critical = alerts[0]!;
    expect(critical.annotations.description).toContain("API Shield client certificate");
    expect(critical.annotations.description).toContain("sensor-2.mtls.test");
  });

  it("exports every record, the revoked one with its status", () => {
    const zone = { zone_id: ZONE, source: "client_certificate" };
    expect(select(samples, "certwatch_cert_expiry_timestamp_seconds", zone)).toHaveLength(4);
    expect(valueOf(samples, "certwatch_cert_status", { ...zone, cert_id: IDS.revokedExpired, status: "revoked" })).toBe(1);
    expect(valueOf(samples, "certwatch_source_up", zone)).toBe(1);
  });

  it("marks the source of a zone answering 403 unavailable, without an outage of the zone", () => {
    const other = { zone_id: OTHER, source: "client_certificate" };
    expect(valueOf(samples, "certwatch_source_unavailable", other)).toBe(1);
    expect(valueOf(samples, "certwatch_source_errors_total", { ...other, reason: "forbidden" })).toBe(1);
    expect(select(samples, "certwatch_source_up", { zone_id: OTHER }).filter((s) => s.value === 0)).toHaveLength(1);
    expect(alerts.filter((a) => a.labels.zone_id === OTHER)).toEqual([]);
  });

  it("spends one list request per zone", () => {
    expect(h.simulator.requestCount(LIST, ZONE)).toBe(1);
    expect(h.simulator.requestCount(LIST, OTHER)).toBe(1);
  });
});
