import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildState } from "../../dev/simulator/scenario.js";
import { DEMO_ZONE_IDS, demoScenario } from "../../dev/simulator/demo-scenario.js";
import { startSimulator, type Simulator } from "../../dev/simulator/server.js";
import { findZone } from "../../dev/simulator/state.js";
import { validateResponse } from "../helpers/openapi-response-validator.js";
import { getValidated } from "../helpers/simulator-client.js";

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

const NET = DEMO_ZONE_IDS.exampleNet;
const UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000";

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ state: await buildState(demoScenario()) });
});

afterAll(async () => {
  await sim.close();
});

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
