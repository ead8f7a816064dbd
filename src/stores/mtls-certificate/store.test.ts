import { describe, expect, it } from "vitest";
import { expiryDate } from "../../evaluate/expiry.js";
import { buildRecords } from "../../inventory/build-records.js";
import { PemCache } from "../../pem/pem-cache.js";
import { pollAccountStore, STORE_TEST_ACCOUNT } from "../../../test/helpers/store-poll.js";
import { MTLS_CERTIFICATE_ENDPOINT, mtlsCertificate } from "./store.js";

const DAY_MS = 86_400_000;
const daysFromNow = (ms: number | null | undefined) => Math.round(((ms ?? NaN) - Date.now()) / DAY_MS);
const ACCOUNT_TARGET = { ...STORE_TEST_ACCOUNT, hostnames: [], scope: "account" as const };

describe("mtls_certificate", () => {
  it("maps each certificate: PEM, no status, the API's issuer, name, ca, type and serial", async () => {
    const { poll, requests } = await pollAccountStore(mtlsCertificate, {
      mtlsCertificates: [
        { id: "023e105f4ecef8ad9ca31a8372d0c353", cn: "Example Root", name: "example_ca_cert", daysLeft: 400 },
        { cn: "worker-client", ca: false, type: "access_managed", daysLeft: 30 },
      ],
    });
    expect(requests.map((r) => [r.template, r.accountId, r.query])).toEqual([[MTLS_CERTIFICATE_ENDPOINT, STORE_TEST_ACCOUNT.id, {}]]);
    const [root, leaf] = poll.items;
    expect(root).toMatchObject({ certId: "023e105f4ecef8ad9ca31a8372d0c353", hostname: "", status: null, apiIssuer: "CN=Example Root,O=certwatch simulator" });
    expect(root!.pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(root!.attributes).toMatchObject({ name: "example_ca_cert", ca: true, type: "custom", issuer: "CN=Example Root,O=certwatch simulator" });
    expect(root!.attributes.serial_number).toMatch(/^\d+$/);
    expect(leaf!.attributes).toMatchObject({ name: "worker-client mTLS", ca: false, type: "access_managed" });
    expect(leaf!.apiIssuer).toBe("CN=certwatch Sim Client CA,O=certwatch simulator");
    expect(daysFromNow(leaf!.apiExpiresOn)).toBe(30);
    expect(poll.notes).toBeUndefined();
  });

  it("has no status to class", () => {
    expect(mtlsCertificate.statuses.documented).toEqual([]);
    expect(mtlsCertificate.poll).toBeUndefined();
  });

  it("parses every block of `certificates`: a bundle whose second block expires first dates its chain by that block", async () => {
    const { poll } = await pollAccountStore(mtlsCertificate, { mtlsCertificates: [{ cn: "bundled", ca: false, daysLeft: 300, chain: { intermediateDaysLeft: 12 } }] });
    const [record] = await buildRecords(ACCOUNT_TARGET, mtlsCertificate.name, poll.items, new PemCache());
    expect(record!.parseError).toBeNull();
    expect(record!.parsed!.chain).toHaveLength(2);
    expect(daysFromNow(record!.parsed!.notAfter)).toBe(300);
    expect(daysFromNow(record!.parsed!.chainNotAfter)).toBe(12);
    expect(record!.parsed!.chain[1]!.subjectCN).toBe("bundled Intermediate CA");
  });

  it("dates a certificate by its PEM when expires_on says otherwise", async () => {
    const { poll } = await pollAccountStore(mtlsCertificate, { mtlsCertificates: [{ cn: "drifting", daysLeft: 9, apiExpiresOn: { daysLeft: 90 } }] });
    expect(daysFromNow(poll.items[0]!.apiExpiresOn)).toBe(90);
    const [record] = await buildRecords(ACCOUNT_TARGET, mtlsCertificate.name, poll.items, new PemCache());
    const date = expiryDate(record!);
    expect(date?.fromPem).toBe(true);
    expect(daysFromNow(date?.expiresAt)).toBe(9);
  });

  it("asks once whatever the count, never for a page 2, and keeps a cut-short answer with a note", async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ cn: `ca-${i}`, daysLeft: 100 + i }));
    const whole = await pollAccountStore(mtlsCertificate, { mtlsCertificates: many });
    expect(whole.poll.items).toHaveLength(60);
    expect(whole.requests).toHaveLength(1);
    expect(whole.poll.notes).toBeUndefined();

    const cut = await pollAccountStore(mtlsCertificate, { mtlsCertificates: many, mtlsPageSize: 50 });
    expect(cut.poll.items).toHaveLength(50);
    expect(cut.requests).toHaveLength(1);
    expect(cut.poll.notes).toEqual([expect.stringMatching(/page 1 of 2 \(total_count 60\).*kept the 50 items/)]);
  });

  it("reads an account without certificates as an empty list, in one request", async () => {
    const { poll, requests } = await pollAccountStore(mtlsCertificate, {});
    expect(poll.items).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it("skips an item without an id and keeps the rest", async () => {
    const { poll } = await pollAccountStore(mtlsCertificate, { mtlsCertificates: [{ id: "", cn: "no-id", daysLeft: 30 }, { cn: "ok", name: "ok", daysLeft: 30 }] });
    expect(poll.items.map((item) => item.attributes.name)).toEqual(["ok"]);
    expect(poll.invalid?.counts).toEqual({ missing_id: 1 });
  });
});
