// The simulator serving certificate packs over HTTP, validated against Cloudflare's schema.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildState } from "../../../dev/simulator/scenario.js";
import { DEMO_CERT_IDS, DEMO_ZONE_IDS, demoScenario } from "../../../dev/simulator/demo-scenario.js";
import { startSimulator, type Simulator } from "../../../dev/simulator/server.js";
import { daysUntil, expectFailure, field, getValidated, ids } from "../../../test/helpers/simulator-client.js";

const T = {
  packList: "/zones/:zone_id/ssl/certificate_packs",
  packItem: "/zones/:zone_id/ssl/certificate_packs/:certificate_pack_id",
} as const;

const COM = DEMO_ZONE_IDS.exampleCom;
const ORG = DEMO_ZONE_IDS.exampleOrg;
const IDS = DEMO_CERT_IDS.exampleCom;
const UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000";

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ state: await buildState(demoScenario()) });
});

afterAll(async () => {
  await sim.close();
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
