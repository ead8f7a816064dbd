import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Alert } from "../../alerts/alert.js";
import { CloudflareApiError } from "../../cloudflare/api-error.js";
import { parsePem } from "../../pem/parse-pem.js";
import { pollStore } from "../../../test/helpers/store-poll.js";
import { select, valueOf, type Sample } from "../../../test/helpers/exposition.js";
import { startHarness, type Harness } from "../../../test/helpers/harness.js";
import { ORIGIN_CA_ENDPOINT, originCaCertificate } from "./store.js";
import { ORIGIN_CA_SUBJECT } from "./store.sim.js";

const DAY_MS = 86_400_000;
const daysFromNow = (ms: number | null) => Math.round(((ms ?? NaN) - Date.now()) / DAY_MS);

describe("origin_ca_certificate against the simulator", () => {
  it("maps each certificate: PEM, hosts, the Go-form expires_on read, status null", async () => {
    const { poll, requests } = await pollStore(originCaCertificate, {
      originCaCertificates: [
        { id: "328578533902268680212849205732770752308931942346", hostnames: ["store.test", "*.store.test"], daysLeft: 400, requestType: "origin-ecc" },
        { hostnames: ["api.store.test"], daysLeft: 12, expiresOn: "rfc3339", requestedValidity: 90 },
        { hostnames: ["odd.store.test"], daysLeft: 50, expiresOn: { raw: "the fifth of never" } },
      ],
    });
    expect(requests.map((r) => [r.template, r.zoneId, r.query])).toEqual([[ORIGIN_CA_ENDPOINT, "0123456789abcdef0123456789abcdef", { zone_id: "0123456789abcdef0123456789abcdef", page: "1", per_page: "50" }]]);
    expect(poll.items.map((i) => [i.attributes.hosts, i.status, i.hostname, daysFromNow(i.apiExpiresOn), i.attributes.requested_validity])).toEqual([
      ["store.test, *.store.test", null, "", 400, "5475"],
      ["api.store.test", null, "", 12, "90"],
      // An unreadable date costs nothing: the item stays, its PEM dates it.
      ["odd.store.test", null, "", NaN, "5475"],
    ]);
    expect(poll.items[2]!.apiExpiresOn).toBeNull();
    expect(poll.items[0]!.certId).toBe("328578533902268680212849205732770752308931942346");
    const parsed = await parsePem(poll.items[2]!.pem!);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.certificate.subjectCN).toBe(ORIGIN_CA_SUBJECT);
    expect(daysFromNow(parsed.certificate.notAfter)).toBe(50);
  });

  it("reads every page: 101 certificates in 3 requests of 50", async () => {
    const { poll, requests } = await pollStore(originCaCertificate, {
      originCaCertificates: Array.from({ length: 101 }, (_, i) => ({ hostnames: [`h${i}.store.test`], daysLeft: 100 + (i % 3) })),
    });
    expect(poll.items).toHaveLength(101);
    expect(new Set(poll.items.map((i) => i.certId)).size).toBe(101);
    expect(requests.map((r) => r.query.page)).toEqual(["1", "2", "3"]);
  });

  it("fails with forbidden, naming the permission, when the token may not use the Origin CA API", async () => {
    const error = await pollStore(originCaCertificate, { originCaDenied: true, originCaCertificates: [{ hostnames: ["x.store.test"], daysLeft: 5 }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloudflareApiError);
    expect((error as CloudflareApiError).reason).toBe("forbidden");
    expect((error as CloudflareApiError).codes).toEqual([1016]);
    expect((error as CloudflareApiError).message).toMatch(/Zone → SSL and Certificates → Edit/);
  });
});

describe("origin_ca_certificate through the daemon", () => {
  const WATCHED = { id: "0ca0".repeat(8), name: "origins.test" };
  const DENIED = { id: "0ca1".repeat(8), name: "no-origin-ca.test" };
  let h: Harness;
  let samples: Sample[];
  let alerts: Alert[];

  beforeAll(async () => {
    h = await startHarness(
      {
        zones: [
          {
            ...WATCHED,
            originCaCertificates: [
              { id: "1111", hostnames: ["origins.test", "*.origins.test"], daysLeft: 400 },
              { id: "2222", hostnames: ["db.origins.test"], daysLeft: 10 },
              { id: "3333", hostnames: ["old.origins.test"], daysLeft: -1 },
            ],
          },
          { ...DENIED, originCaDenied: true, customCertificates: [{ hosts: ["no-origin-ca.test"], daysLeft: 200 }] },
        ],
      },
      [
        { ...WATCHED, hostnames: [] },
        { ...DENIED, hostnames: [] },
      ],
    );
    await h.daemon.firstCycle;
    samples = await h.metrics();
    alerts = h.daemon.alerts.firing().filter((a) => a.labels.source === "origin_ca_certificate");
  });
  afterAll(async () => h.close());

  it("alerts by the PEM's date, naming the hosts and what breaks", () => {
    expect(alerts.map((a) => `${a.labels.alertname}/${a.labels.severity}/${a.labels.cert_id}`).sort()).toEqual(["CertificateExpired/critical/3333", "CertificateExpiringSoon/warning/2222"]);
    const soon = alerts.find((a) => a.labels.cert_id === "2222")!;
    expect(soon.labels.zone).toBe("origins.test");
    expect(soon.annotations.description).toMatch(/^The Origin CA certificate .+ in zone origins\.test expires on .+, according to its PEM/);
    expect(soon.annotations.description).toMatch(/hosts db\.origins\.test/);
    expect(select(samples, "certwatch_cert_expiry_timestamp_seconds", { source: "origin_ca_certificate", from_pem: "true" })).toHaveLength(3);
    // No status field, so no status series and no CertificateNotActive.
    expect(select(samples, "certwatch_cert_status", { source: "origin_ca_certificate" })).toHaveLength(0);
  });

  it("spends one list request per zone and cycle", async () => {
    expect(h.simulator.requestCount(ORIGIN_CA_ENDPOINT, WATCHED.id)).toBe(1);
    await h.daemon.pollNow();
    expect(h.simulator.requestCount(ORIGIN_CA_ENDPOINT, WATCHED.id)).toBe(2);
  });

  it("marks the store unavailable on a zone whose other sources work, without SourceDown", () => {
    const where = { zone_id: DENIED.id, source: "origin_ca_certificate" };
    expect(valueOf(samples, "certwatch_source_up", where)).toBe(0);
    expect(valueOf(samples, "certwatch_source_unavailable", where)).toBe(1);
    expect(valueOf(samples, "certwatch_source_up", { zone_id: DENIED.id, source: "custom_certificate" })).toBe(1);
    expect(h.daemon.alerts.firing().filter((a) => a.labels.alertname === "SourceDown")).toEqual([]);
    const warning = h.logs.entries().find((e) => e.source === "origin_ca_certificate" && typeof e.msg === "string" && e.msg.startsWith("source answers 403"));
    expect(warning?.error).toMatch(/SSL and Certificates → Edit/);
  });
});
