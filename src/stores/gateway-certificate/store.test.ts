import { describe, expect, it } from "vitest";
import { expiryDate } from "../../evaluate/expiry.js";
import { buildRecords } from "../../inventory/build-records.js";
import { PemCache } from "../../pem/pem-cache.js";
import { pollAccountStore, STORE_TEST_ACCOUNT } from "../../../test/helpers/store-poll.js";
import { classifyStatus, isGoneStatus } from "../status-class.js";
import { GATEWAY_CERTIFICATE_ENDPOINT, gatewayCertificate } from "./store.js";

const DAY_MS = 86_400_000;
const daysFromNow = (ms: number | null | undefined) => Math.round(((ms ?? NaN) - Date.now()) / DAY_MS);

describe("gateway_certificate", () => {
  it("maps each CA: PEM, binding_status as status, in_use, type, fingerprint, issuer", async () => {
    const { poll, requests } = await pollAccountStore(gatewayCertificate, {
      gatewayCertificates: [
        { id: "f174e90a-fafe-4643-bbbc-4a0ed4fc8415", cn: "Gateway CA - certwatch G1", daysLeft: 1000 },
        { cn: "Gateway CA - spare", daysLeft: 40, bindingStatus: "pending_deployment", type: "custom" },
      ],
    });
    expect(requests.map((r) => [r.template, r.accountId, r.query])).toEqual([[GATEWAY_CERTIFICATE_ENDPOINT, STORE_TEST_ACCOUNT.id, {}]]);
    const [bound, spare] = poll.items;
    expect(bound).toMatchObject({ certId: "f174e90a-fafe-4643-bbbc-4a0ed4fc8415", hostname: "", status: "available" });
    expect(bound!.pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(bound!.apiIssuer).toBe("O=certwatch simulator,CN=Gateway CA - certwatch G1");
    expect(bound!.attributes).toMatchObject({ in_use: true, type: "gateway_managed", issuer_org: "certwatch simulator" });
    expect(bound!.attributes.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(spare).toMatchObject({ status: "pending_deployment", attributes: { in_use: false, type: "custom" } });
    expect(daysFromNow(spare!.apiExpiresOn)).toBe(40);
  });

  it("classes available and active healthy, pending_* transitional, inactive gone", () => {
    expect(gatewayCertificate.statuses.documented.map((status) => [status, classifyStatus(status)])).toEqual([
      ["pending_deployment", "transitional"],
      ["available", "healthy"],
      ["pending_deletion", "transitional"],
      ["inactive", "gone"],
      ["active", "healthy"],
    ]);
    expect(isGoneStatus("inactive")).toBe(true);
  });

  it("keeps every binding status, the older `active` included", async () => {
    const statuses = ["available", "active", "pending_deletion", "inactive"];
    const { poll } = await pollAccountStore(gatewayCertificate, { gatewayCertificates: statuses.map((bindingStatus, i) => ({ cn: `ca-${i}`, daysLeft: 60, bindingStatus })) });
    expect(poll.items.map((item) => [item.status, item.attributes.in_use])).toEqual([
      ["available", true],
      ["active", true],
      ["pending_deletion", false],
      ["inactive", false],
    ]);
  });

  it("dates a CA by its PEM when expires_on says otherwise", async () => {
    const { poll } = await pollAccountStore(gatewayCertificate, { gatewayCertificates: [{ cn: "drifting", daysLeft: 6, apiExpiresOn: { daysLeft: 1825 } }] });
    const [record] = await buildRecords({ ...STORE_TEST_ACCOUNT, hostnames: [], scope: "account" }, gatewayCertificate.name, poll.items, new PemCache());
    expect(daysFromNow(record!.apiExpiresOn)).toBe(1825);
    expect(expiryDate(record!)?.fromPem).toBe(true);
    expect(daysFromNow(expiryDate(record!)?.expiresAt)).toBe(6);
  });

  it("asks once for any number of CAs, and notes a result_info claiming more pages", async () => {
    const gatewayCertificates = Array.from({ length: 25 }, (_, i) => ({ cn: `ca-${i}`, daysLeft: 100 }));
    const whole = await pollAccountStore(gatewayCertificate, { gatewayCertificates });
    expect(whole.poll.items).toHaveLength(25);
    expect(whole.requests).toHaveLength(1);
    const claimsMore = await pollAccountStore(gatewayCertificate, { gatewayCertificates }, (sim) =>
      sim.injectFault({ template: GATEWAY_CERTIFICATE_ENDPOINT, mutate: (body) => ({ ...(body as object), result_info: { page: 1, per_page: 25, count: 25, total_count: 40, total_pages: 2 } }) }),
    );
    expect(claimsMore.poll.items).toHaveLength(25);
    expect(claimsMore.requests).toHaveLength(1);
    expect(claimsMore.poll.notes).toEqual([expect.stringContaining("page 1 of 2")]);
  });

  it("reads an unreadable in_use as unknown and keeps the CA; skips one without an id", async () => {
    const { poll } = await pollAccountStore(gatewayCertificate, { gatewayCertificates: [{ id: "", cn: "no-id", daysLeft: 30 }, { cn: "odd", daysLeft: 30 }] }, (sim) =>
      sim.injectFault({
        template: GATEWAY_CERTIFICATE_ENDPOINT,
        mutate: (body) => {
          const envelope = body as { result: Array<Record<string, unknown>> };
          envelope.result[1]!.in_use = "yes";
          return envelope;
        },
      }),
    );
    expect(poll.items).toHaveLength(1);
    expect(poll.items[0]!.attributes.in_use).toBeNull();
    expect(poll.invalid?.counts).toEqual({ missing_id: 1 });
  });
});
