// The simulator serving custom certificates over HTTP, validated against Cloudflare's schema.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildState } from "../../../dev/simulator/scenario.js";
import { DEMO_CERT_IDS, DEMO_ZONE_IDS, demoScenario } from "../../../dev/simulator/demo-scenario.js";
import { startSimulator, type Simulator } from "../../../dev/simulator/server.js";
import { findZone } from "../../../dev/simulator/state.js";
import { daysUntil, expectFailure, field, getValidated, ids } from "../../../test/helpers/simulator-client.js";

const T = {
  customCertList: "/zones/:zone_id/custom_certificates",
  customCertItem: "/zones/:zone_id/custom_certificates/:custom_certificate_id",
} as const;

const COM = DEMO_ZONE_IDS.exampleCom;
const IDS = DEMO_CERT_IDS.exampleCom;

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ state: await buildState(demoScenario()) });
});

afterAll(async () => {
  await sim.close();
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
