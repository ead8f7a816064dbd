import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildState, DEMO_CERT_IDS, DEMO_CUSTOM_HOSTNAMES, DEMO_ZONE_IDS, demoScenario } from "../dev/simulator/scenario.js";
import { startSimulator, type Simulator } from "../dev/simulator/server.js";
import { findZone } from "../dev/simulator/state.js";
import { type CustomHostnameItem } from "../src/stores/custom-hostname/shape.sim.js";
import { validateResponse } from "./helpers/openapi-response-validator.js";
import { field, getValidated, type SimResponse } from "./helpers/simulator-client.js";

const T = {
  trustStoreList: "/zones/:zone_id/acm/custom_trust_store",
  trustStoreItem: "/zones/:zone_id/acm/custom_trust_store/:id",
  hostnameList: "/zones/:zone_id/custom_hostnames",
  hostnameItem: "/zones/:zone_id/custom_hostnames/:custom_hostname_id",
  customCertList: "/zones/:zone_id/custom_certificates",
  customCertItem: "/zones/:zone_id/custom_certificates/:custom_certificate_id",
  packList: "/zones/:zone_id/ssl/certificate_packs",
  packItem: "/zones/:zone_id/ssl/certificate_packs/:certificate_pack_id",
} as const;

const COM = DEMO_ZONE_IDS.exampleCom;
const NET = DEMO_ZONE_IDS.exampleNet;
const ORG = DEMO_ZONE_IDS.exampleOrg;
const IDS = DEMO_CERT_IDS.exampleCom;
const DAY_MS = 86_400_000;
const UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000";

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ state: await buildState(demoScenario()) });
});

afterAll(async () => {
  await sim.close();
});

const daysUntil = (iso: string) => (Date.parse(iso) - Date.now()) / DAY_MS;
const ids = (response: SimResponse) => field<{ id: string }[]>(response.json, "result").map((item) => item.id);

function expectFailure(response: SimResponse, code: number): void {
  expect(response.json).toEqual({ success: false, errors: [expect.objectContaining({ code })], messages: [], result: null });
}

describe("the OpenAPI schemas of the new stores", () => {
  it("reject what Cloudflare would never send, so passing validations mean something", () => {
    const envelope = (result: unknown) => ({ success: true, errors: [], messages: [], result });
    const hostname = { id: UNKNOWN_UUID, hostname: "a.test", ssl: { id: UNKNOWN_UUID, status: "active" } };
    expect(validateResponse(T.hostnameItem, 200, envelope(hostname)).valid).toBe(true);
    expect(validateResponse(T.hostnameItem, 200, envelope({ ...hostname, ssl: { id: "0123456789abcdef0123456789abcdef" } })).valid).toBe(false);
    expect(validateResponse(T.hostnameItem, 200, envelope({ ...hostname, ssl: { ...hostname.ssl, status: "bogus" } })).valid).toBe(false);
    expect(validateResponse(T.hostnameList, 200, envelope([{ ...hostname, status: "bogus" }])).valid).toBe(false);
    expect(validateResponse(T.packItem, 200, envelope({ id: "p", type: "advanced", hosts: [], status: "active" })).valid).toBe(false);
    expect(validateResponse(T.customCertItem, 200, envelope({ id: "c", hosts: [] })).valid).toBe(false);
    expect(validateResponse("/zones", 200, envelope([{ id: "z", name: "example.com" }])).valid).toBe(false);
  });
});

describe("custom hostnames", () => {
  const listPath = (zone: string, query = "") => `/zones/${zone}/custom_hostnames${query}`;
  const served = () => findZone(sim.state, COM)!.customHostnames;

  it("lists example.com's six hostnames with default paging", async () => {
    const response = await getValidated(sim, T.hostnameList, listPath(COM), 200);
    expect(ids(response)).toEqual(Object.values(IDS.customHostnames));
    expect(field(response.json, "result_info")).toEqual({ page: 1, per_page: 20, count: 6, total_count: 6, total_pages: 1 });
  });

  it("answers a page past the end with an empty result", async () => {
    const response = await getValidated(sim, T.hostnameList, listPath(COM, "?page=2&per_page=50"), 200);
    expect(field(response.json, "result")).toEqual([]);
    expect(field(response.json, "result_info")).toEqual({ page: 2, per_page: 50, count: 0, total_count: 6, total_pages: 1 });
  });

  it("gets each hostname by id, identical to its list item", async () => {
    const list = field<CustomHostnameItem[]>((await getValidated(sim, T.hostnameList, listPath(COM), 200)).json, "result");
    for (const item of list) {
      const response = await getValidated(sim, T.hostnameItem, listPath(COM, `/${item.id}`), 200);
      expect(field(response.json, "result")).toEqual(item);
    }
  });

  it("serves managed hostnames with ssl.certificates[] (no PEM) and the custom one with its PEM", async () => {
    const list = field<CustomHostnameItem[]>((await getValidated(sim, T.hostnameList, listPath(COM), 200)).json, "result");
    const byHostname = new Map(list.map((item) => [item.hostname, item]));
    const managed = byHostname.get(DEMO_CUSTOM_HOSTNAMES.managedActive)!;
    expect(managed.ssl).not.toHaveProperty("custom_certificate");
    expect(managed.ssl).toMatchObject({ status: "active", certificate_authority: "google", type: "dv", method: "txt" });
    expect(Math.min(...managed.ssl.certificates!.map((cert) => daysUntil(cert.expires_on)))).toBeCloseTo(60, 2);

    const custom = byHostname.get(DEMO_CUSTOM_HOSTNAMES.customUploadedExpiring)!;
    expect(custom.ssl).not.toHaveProperty("certificates");
    expect(custom.ssl.hosts).toEqual([DEMO_CUSTOM_HOSTNAMES.customUploadedExpiring]);
    expect(daysUntil(new Date(new X509Certificate(custom.ssl.custom_certificate!).validTo).toISOString())).toBeCloseTo(4, 2);
    expect(custom.ssl.expires_on).toBe(new Date(new X509Certificate(custom.ssl.custom_certificate!).validTo).toISOString().replace(".000", ""));

    const pending = byHostname.get(DEMO_CUSTOM_HOSTNAMES.pendingValidationExpiring)!;
    expect(pending.ssl.validation_errors).toEqual([{ message: `SERVFAIL looking up CAA for ${DEMO_CUSTOM_HOSTNAMES.pendingValidationExpiring}` }]);
    expect(pending.ssl.validation_records).toHaveLength(1);
    expect(byHostname.get(DEMO_CUSTOM_HOSTNAMES.moved)).toMatchObject({ status: "moved", verification_errors: ["custom hostname does not CNAME to this zone."] });
    expect(byHostname.get(DEMO_CUSTOM_HOSTNAMES.backupIssued)!.ssl.status).toBe("backup_issued");
    expect(managed).not.toHaveProperty("verification_errors");
  });

  it.each([
    [`?hostname=${DEMO_CUSTOM_HOSTNAMES.moved}`, [IDS.customHostnames.moved]],
    [`?hostname.exact=${DEMO_CUSTOM_HOSTNAMES.moved.toUpperCase()}`, [IDS.customHostnames.moved]],
    ["?hostname.contain=customer-b", [IDS.customHostnames.validationTimedOut]],
    ["?hostname.startsWith=store.", [IDS.customHostnames.customUploadedExpiring]],
    [`?id=${IDS.customHostnames.backupIssued}`, [IDS.customHostnames.backupIssued]],
    ["?ssl_status=validation_timed_out", [IDS.customHostnames.validationTimedOut]],
    ["?hostname_status=moved", [IDS.customHostnames.moved]],
    ["?hostname=nothing.test", []],
  ])("filters %s", async (query, expected) => {
    expect(ids(await getValidated(sim, T.hostnameList, listPath(COM, query), 200))).toEqual(expected);
  });

  it("rejects id combined with a hostname filter, as the SDK forbids", async () => {
    expectFailure(await getValidated(sim, T.hostnameList, listPath(COM, `?id=${UNKNOWN_UUID}&hostname=a.test`), 400), 1001);
  });

  it("answers 404 (code 7003) for an unknown id and an unknown zone", async () => {
    expectFailure(await getValidated(sim, T.hostnameItem, listPath(COM, `/${UNKNOWN_UUID}`), 404), 7003);
    expectFailure(await getValidated(sim, T.hostnameList, listPath("0".repeat(32)), 404), 7003);
  });

  it("answers 403 (code 1404) on both routes of example.net, which has no Cloudflare for SaaS", async () => {
    for (const [template, path] of [
      [T.hostnameList, listPath(NET)],
      [T.hostnameItem, listPath(NET, `/${served()[0]!.id}`)],
    ] as const) {
      const response = await getValidated(sim, template, path, 403);
      expectFailure(response, 1404);
      expect(field(response.json, "errors", 0, "message")).toMatch(/Cloudflare for SaaS is not enabled/);
    }
  });
});

describe("custom certificates", () => {
  const listPath = (zone: string, query = "") => `/zones/${zone}/custom_certificates${query}`;

  it("lists example.com's two certificates: metadata only, no PEM", async () => {
    const response = await getValidated(sim, T.customCertList, listPath(COM), 200);
    const result = field<Record<string, unknown>[]>(response.json, "result");
    expect(result.map((item) => [item.id, item.status])).toEqual([
      [IDS.customCertificates.expiringWarning, "active"],
      [IDS.customCertificates.expired, "expired"],
    ]);
    expect(daysUntil(result[0]!.expires_on as string)).toBeCloseTo(25, 2);
    expect(daysUntil(result[1]!.expires_on as string)).toBeCloseTo(-5, 2);
    for (const item of result) {
      expect(item).not.toHaveProperty("certificate");
      expect(item).toMatchObject({ zone_id: COM, bundle_method: "ubiquitous", issuer: "certwatch Sim Customer CA" });
    }
    expect(field(response.json, "result_info")).toEqual({ page: 1, per_page: 20, count: 2, total_count: 2, total_pages: 1 });
  });

  it("filters by status and answers a page past the end", async () => {
    expect(ids(await getValidated(sim, T.customCertList, listPath(COM, "?status=expired"), 200))).toEqual([IDS.customCertificates.expired]);
    const past = await getValidated(sim, T.customCertList, listPath(COM, "?page=3&per_page=5"), 200);
    expect(field(past.json, "result")).toEqual([]);
    expect(field(past.json, "result_info")).toEqual({ page: 3, per_page: 5, count: 0, total_count: 2, total_pages: 1 });
  });

  it("gets each by id and answers 404 for an unknown one", async () => {
    for (const cert of findZone(sim.state, COM)!.customCertificates) {
      expect(field((await getValidated(sim, T.customCertItem, listPath(COM, `/${cert.id}`), 200)).json, "result")).toEqual(cert);
    }
    expectFailure(await getValidated(sim, T.customCertItem, listPath(COM, `/${"a".repeat(32)}`), 404), 7003);
  });
});

describe("certificate packs", () => {
  const listPath = (zone: string, query = "") => `/zones/${zone}/ssl/certificate_packs${query}`;

  it("lists only active packs without status=all: the real API's trap", async () => {
    const response = await getValidated(sim, T.packList, listPath(COM), 200);
    expect(ids(response)).toEqual([IDS.certificatePacks.advancedActive]);
    expect(field(response.json, "result_info")).toEqual({ page: 1, per_page: 20, count: 1, total_count: 1, total_pages: 1 });
  });

  it("lists every pack with status=all, the pending one with its validation errors", async () => {
    const response = await getValidated(sim, T.packList, listPath(COM, "?status=all&per_page=50"), 200);
    const [active, pending, ...rest] = field<Record<string, unknown>[]>(response.json, "result");
    expect(rest).toEqual([]);
    expect(active).toMatchObject({
      id: IDS.certificatePacks.advancedActive,
      type: "advanced",
      status: "active",
      primary_certificate: IDS.packCertificates.advancedActiveEcdsa,
    });
    const certificates = active!.certificates as { id: string; expires_on: string; signature: string }[];
    expect(certificates.map((cert) => [cert.id, cert.signature])).toEqual([
      [IDS.packCertificates.advancedActiveEcdsa, "ECDSAWithSHA256"],
      [IDS.packCertificates.advancedActiveRsa, "SHA256WithRSA"],
    ]);
    for (const cert of certificates) expect(daysUntil(cert.expires_on)).toBeCloseTo(80, 2);
    expect(pending).toMatchObject({ id: IDS.certificatePacks.pendingValidation, status: "pending_validation", certificates: [] });
    expect(pending!.validation_errors).toEqual([{ message: expect.stringContaining("CAA") }]);
    expect(pending).not.toHaveProperty("primary_certificate");
    expect(field(response.json, "result_info", "total_count")).toBe(2);
  });

  it("gets a pack by id whatever its status; 404 for an unknown id", async () => {
    const pending = await getValidated(sim, T.packItem, listPath(COM, `/${IDS.certificatePacks.pendingValidation}`), 200);
    expect(field(pending.json, "result", "status")).toBe("pending_validation");
    expectFailure(await getValidated(sim, T.packItem, listPath(COM, `/${UNKNOWN_UUID}`), 404), 7003);
  });

  it("serves example.org's advanced pack expiring in 6 days; an empty page past the end", async () => {
    const response = await getValidated(sim, T.packList, listPath(ORG), 200);
    expect(ids(response)).toEqual([DEMO_CERT_IDS.exampleOrg.certificatePacks.advancedExpiring]);
    expect(daysUntil(field(response.json, "result", 0, "certificates", 0, "expires_on"))).toBeCloseTo(6, 2);
    const past = await getValidated(sim, T.packList, listPath(ORG, "?status=all&page=2&per_page=5"), 200);
    expect(field(past.json, "result")).toEqual([]);
    expect(field(past.json, "result_info")).toEqual({ page: 2, per_page: 5, count: 0, total_count: 1, total_pages: 1 });
  });
});

describe("product entitlements", () => {
  it("answers 403 (code 1450) on the trust store of a zone without Advanced Certificate Manager", async () => {
    const net = findZone(sim.state, NET)!;
    const rootId = net.trustStore[0]!.id;
    // example.net keeps its trust store in the demo; switching the entitlement off is a test's choice.
    await getValidated(sim, T.trustStoreList, `/zones/${NET}/acm/custom_trust_store`, 200);
    net.entitlements = { ...net.entitlements, trustStore: false };
    try {
      for (const [template, path] of [
        [T.trustStoreList, `/zones/${NET}/acm/custom_trust_store`],
        [T.trustStoreItem, `/zones/${NET}/acm/custom_trust_store/${rootId}`],
      ] as const) {
        const response = await getValidated(sim, template, path, 403);
        expect(response.json).toEqual({
          success: false,
          errors: [{ code: 1450, message: "Advanced Certificate Manager is required" }],
          messages: [],
          result: null,
        });
      }
    } finally {
      net.entitlements = { customHostnames: false };
    }
  });

  it("leaves the other stores of a zone without Cloudflare for SaaS alone", async () => {
    await getValidated(sim, T.packList, `/zones/${NET}/ssl/certificate_packs`, 200);
    await getValidated(sim, T.customCertList, `/zones/${NET}/custom_certificates`, 200);
  });
});
