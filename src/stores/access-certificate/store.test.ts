import { describe, expect, it } from "vitest";
import { CloudflareApiError } from "../../cloudflare/api-error.js";
import { expiryDate } from "../../evaluate/expiry.js";
import { buildRecords } from "../../inventory/build-records.js";
import { PemCache } from "../../pem/pem-cache.js";
import { pollAccountStore, pollStore, STORE_TEST_ACCOUNT } from "../../../test/helpers/store-poll.js";
import { DEFAULT_ZONE_SOURCE_NAMES, ZONE_SOURCE_NAMES } from "../registry.js";
import { ACCESS_ACCOUNT_ENDPOINT, ACCESS_NOT_ENABLED_CODE, ACCESS_ZONE_ENDPOINT, accessCertificate } from "./store.js";

const DAY_MS = 86_400_000;
const daysFromNow = (ms: number | null | undefined) => Math.round(((ms ?? NaN) - Date.now()) / DAY_MS);

describe("access_certificate on an account", () => {
  it("maps each certificate without a PEM: expires_on, hosts, name and fingerprint, no status", async () => {
    const { poll, requests } = await pollAccountStore(accessCertificate, {
      accessCertificates: [{ id: "f174e90a-fafe-4643-bbbc-4a0ed4fc8415", name: "Allow devs", daysLeft: 5, associatedHostnames: ["admin.example.com", "ops.example.com"] }],
    });
    expect(requests.map((r) => [r.template, r.accountId, r.query])).toEqual([[ACCESS_ACCOUNT_ENDPOINT, STORE_TEST_ACCOUNT.id, { page: "1", per_page: "50" }]]);
    const item = poll.items[0]!;
    expect(item).toMatchObject({ certId: "f174e90a-fafe-4643-bbbc-4a0ed4fc8415", hostname: "", status: null, pem: null, apiIssuer: null });
    expect(item.attributes).toMatchObject({ hosts: "admin.example.com, ops.example.com", name: "Allow devs" });
    expect(item.attributes.fingerprint).toMatch(/^MD5 Fingerprint=([0-9A-F]{2}:){15}[0-9A-F]{2}$/);
    expect(daysFromNow(item.apiExpiresOn)).toBe(5);
  });

  it("is dated by expires_on, there being no PEM", async () => {
    const { poll } = await pollAccountStore(accessCertificate, { accessCertificates: [{ name: "soon", daysLeft: 3 }] });
    const [record] = await buildRecords({ ...STORE_TEST_ACCOUNT, hostnames: [], scope: "account" }, accessCertificate.name, poll.items, new PemCache());
    expect(record!.parsed).toBeNull();
    expect(expiryDate(record!)?.fromPem).toBe(false);
    expect(daysFromNow(expiryDate(record!)?.expiresAt)).toBe(3);
  });

  it("reads every page: 120 certificates in 3 requests of 50", async () => {
    const { poll, requests } = await pollAccountStore(accessCertificate, { accessCertificates: Array.from({ length: 120 }, (_, i) => ({ name: `app-${i}`, daysLeft: 100 + i })) });
    expect(poll.items).toHaveLength(120);
    expect(new Set(poll.items.map((item) => item.certId)).size).toBe(120);
    expect(requests.map((r) => r.query.page)).toEqual(["1", "2", "3"]);
  });

  it("fails with forbidden, saying Access is not enabled, on an account without it (code 9999)", async () => {
    const error = await pollAccountStore(accessCertificate, { accessEnabled: false, accessCertificates: [{ name: "x", daysLeft: 5 }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloudflareApiError);
    const failure = error as CloudflareApiError;
    expect(failure.reason).toBe("forbidden");
    expect(failure.codes).toEqual([ACCESS_NOT_ENABLED_CODE]);
    expect(failure.message).toMatch(/^Access is not enabled on this account \(Cloudflare error 9999\)/);
  });

  it("leaves any other error as it was classed", async () => {
    const error = await pollAccountStore(accessCertificate, {}, (sim) => sim.injectFault({ template: ACCESS_ACCOUNT_ENDPOINT, status: 500 })).catch((e: unknown) => e);
    expect((error as CloudflareApiError).reason).toBe("http_5xx");
  });

  it("skips a certificate without an id or with an unreadable expires_on, and counts them", async () => {
    const { poll } = await pollAccountStore(accessCertificate, {
      accessCertificates: [
        { id: "", name: "no-id", daysLeft: 30 },
        { name: "bad-date", daysLeft: 30, expiresOn: "next tuesday" },
        { name: "no-date", daysLeft: 30, expiresOn: null },
        { name: "ok", daysLeft: 30 },
      ],
    });
    expect(poll.items.map((item) => item.attributes.name)).toEqual(["no-date", "ok"]);
    expect(poll.items[0]!.apiExpiresOn).toBeNull();
    expect(poll.invalid?.counts).toEqual({ missing_id: 1, bad_field: 1 });
  });
});

describe("access_certificate on a zone", () => {
  it("is a zone source only where zones[].sources names it", () => {
    expect(accessCertificate.zonesOptIn).toBe(true);
    expect(ZONE_SOURCE_NAMES).toContain("access_certificate");
    expect(DEFAULT_ZONE_SOURCE_NAMES).not.toContain("access_certificate");
  });

  it("reads the zone's own list, every page", async () => {
    const { poll, requests } = await pollStore(accessCertificate, { accessCertificates: Array.from({ length: 51 }, (_, i) => ({ name: `zone-app-${i}`, daysLeft: 20, associatedHostnames: [`app${i}.store.test`] })) });
    expect(poll.items).toHaveLength(51);
    expect(poll.items[0]!.attributes.hosts).toBe("app0.store.test");
    expect(requests.map((r) => [r.template, r.zoneId, r.query.page])).toEqual([
      [ACCESS_ZONE_ENDPOINT, "0123456789abcdef0123456789abcdef", "1"],
      [ACCESS_ZONE_ENDPOINT, "0123456789abcdef0123456789abcdef", "2"],
    ]);
  });

  it("fails with forbidden when the zone's account lacks Access", async () => {
    const error = await pollStore(accessCertificate, { accessEnabled: false }).catch((e: unknown) => e);
    expect((error as CloudflareApiError).reason).toBe("forbidden");
    expect((error as CloudflareApiError).message).toMatch(/^Access is not enabled on this zone's account/);
  });
});
