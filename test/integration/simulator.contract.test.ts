import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildState } from "../../dev/simulator/scenario.js";
import { DEMO_CERT_IDS, DEMO_HOSTNAMES, DEMO_UNASSOCIATED_HOSTNAME, DEMO_ZONE_IDS, demoScenario } from "../../dev/simulator/demo-scenario.js";
import { startSimulator, type Simulator } from "../../dev/simulator/server.js";
import { validateResponse } from "../helpers/openapi-response-validator.js";
import { field, simGet, type SimResponse } from "../helpers/simulator-client.js";

const T = {
  trustStoreList: "/zones/:zone_id/acm/custom_trust_store",
  trustStoreItem: "/zones/:zone_id/acm/custom_trust_store/:id",
  certList: "/zones/:zone_id/origin_tls_client_auth/hostnames/certificates",
  certItem: "/zones/:zone_id/origin_tls_client_auth/hostnames/certificates/:id",
  association: "/zones/:zone_id/origin_tls_client_auth/hostnames/:hostname",
} as const;

const COM = DEMO_ZONE_IDS.exampleCom;
const NET = DEMO_ZONE_IDS.exampleNet;

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ state: await buildState(demoScenario()), host: "127.0.0.1", port: 0 });
});

afterAll(async () => {
  await sim.close();
});

/**
 * The document says error codes are ≥ 1000, yet Cloudflare rate-limits with code 971 (docs/cloudflare-api.md §2
 * and §5, and the 429 fixture). The simulator follows the live API; this is the one deviation
 * tolerated, and only for the 429.
 */
const RATE_LIMIT_CODE_DEVIATION = "data/errors/0/code must be >= 1000";

/** GETs a path and asserts the body validates against the OpenAPI response schema for its status. */
async function getValid(template: string, path: string, expectedStatus: number, headers?: Record<string, string>): Promise<SimResponse> {
  const response = await simGet(sim.baseUrl, path, headers ? { headers } : {});
  expect(response.status, response.text).toBe(expectedStatus);
  const validation = validateResponse(template, response.status, response.json);
  const message = `${path} → ${response.status} does not match the OpenAPI schema:\n${validation.errors}\n${response.text.slice(0, 500)}`;
  if (expectedStatus === 429) {
    expect(validation.errors, message).toBe(RATE_LIMIT_CODE_DEVIATION);
  } else {
    expect(validation.valid, message).toBe(true);
  }
  // The log must name the same template the test used, since daemon tests count by it.
  expect(sim.requests.at(-1)).toMatchObject({ template, status: expectedStatus });
  return response;
}

function expectFailure(response: SimResponse, code: number): void {
  expect(response.json).toEqual({ success: false, errors: [expect.objectContaining({ code })], messages: [], result: null });
}

describe("the OpenAPI response validator", () => {
  it("rejects bodies that break the schema, so passing validations mean something", () => {
    const item = { id: "x", certificate: "p", issuer: "i", signature: "s", status: "active", expires_on: "2030-01-01T00:00:00Z", uploaded_on: "2030-01-01T00:00:00Z", updated_at: "2030-01-01T00:00:00Z" };
    const envelope = (result: unknown) => ({ success: true, errors: [], messages: [], result });
    expect(validateResponse(T.trustStoreItem, 200, envelope(item)).valid).toBe(true);
    const { id: _id, ...withoutId } = item;
    expect(validateResponse(T.trustStoreItem, 200, envelope(withoutId)).errors).toContain("must have required property 'id'");
    expect(validateResponse(T.trustStoreItem, 200, envelope({ ...item, status: "bogus" })).valid).toBe(false);
    expect(validateResponse(T.trustStoreItem, 200, envelope({ ...item, expires_on: "tomorrow" })).valid).toBe(false);
    expect(validateResponse(T.association, 200, envelope({ hostname: "a", enabled: "yes" })).valid).toBe(false);
    expect(validateResponse(T.certList, 200, envelope([{ cert_status: "weird" }])).valid).toBe(false);
    expect(validateResponse(T.association, 404, { success: true, errors: [], messages: [], result: null }).valid).toBe(false);
  });
});

describe("simulator contract (demo scenario, validated against openapi-subset.augmented.json)", () => {
  it("serves the base URL under /client/v4 on loopback", () => {
    expect(sim.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/client\/v4$/);
  });

  it("lists the trust store with default paging", async () => {
    const response = await getValid(T.trustStoreList, `/zones/${COM}/acm/custom_trust_store`, 200);
    const result = field<{ id: string; status: string }[]>(response.json, "result");
    expect(result.map((item) => [item.id, item.status])).toEqual([
      [DEMO_CERT_IDS.exampleCom.trustStore.validRoot, "active"],
      [DEMO_CERT_IDS.exampleCom.trustStore.pendingRoot, "pending_deployment"],
    ]);
    expect(field(response.json, "result_info")).toEqual({ page: 1, per_page: 20, count: 2, total_count: 2, total_pages: 1 });
  });

  it("answers a page past the end with an empty result and correct result_info", async () => {
    const response = await getValid(T.trustStoreList, `/zones/${COM}/acm/custom_trust_store?page=3&per_page=50`, 200);
    expect(field(response.json, "result")).toEqual([]);
    expect(field(response.json, "result_info")).toEqual({ page: 3, per_page: 50, count: 0, total_count: 2, total_pages: 1 });
  });

  it.each(["4", "51", "abc"])("rejects per_page=%s with a 400 failure envelope", async (perPage) => {
    const response = await getValid(T.trustStoreList, `/zones/${COM}/acm/custom_trust_store?per_page=${perPage}`, 400);
    expectFailure(response, 1001);
  });

  it("gets each trust-store entry by id, identical to its list item", async () => {
    const list = field<{ id: string }[]>((await simGet(sim.baseUrl, `/zones/${NET}/acm/custom_trust_store`)).json, "result");
    for (const zone of [COM, NET]) {
      for (const item of sim.state.zones.find((z) => z.id === zone)!.trustStore) {
        const response = await getValid(T.trustStoreItem, `/zones/${zone}/acm/custom_trust_store/${item.id}`, 200);
        expect(field(response.json, "result")).toEqual(item);
      }
    }
    expect(list).toHaveLength(1);
  });

  it("answers 404 (code 7003) for an unknown trust-store id", async () => {
    const response = await getValid(T.trustStoreItem, `/zones/${COM}/acm/custom_trust_store/00000000-0000-4000-8000-000000000000`, 404);
    expectFailure(response, 7003);
  });

  it("lists hostname certificates in the SDK shape", async () => {
    const response = await getValid(T.certList, `/zones/${COM}/origin_tls_client_auth/hostnames/certificates`, 200);
    const result = field<Record<string, unknown>[]>(response.json, "result");
    expect(result).toHaveLength(10);
    for (const item of result) {
      expect(Object.keys(item).sort()).toEqual(["certificate", "expires_on", "id", "issuer", "serial_number", "signature", "status", "uploaded_on"]);
    }
    expect(response.json).not.toHaveProperty("result_info");
  });

  it("lists hostname certificates in the association shape for example.net", async () => {
    const response = await getValid(T.certList, `/zones/${NET}/origin_tls_client_auth/hostnames/certificates`, 200);
    const [item, ...rest] = field<Record<string, unknown>[]>(response.json, "result");
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ cert_id: DEMO_CERT_IDS.exampleNet.hostnameCertificates.valid, cert_status: "active" });
    expect(item).not.toHaveProperty("id");
    expect(item).not.toHaveProperty("status");
    expect(item).not.toHaveProperty("uploaded_on");
    expect(item).toHaveProperty("cert_uploaded_on");
  });

  it("carries hostname/enabled/status in association-shaped items whose certificate is in use", async () => {
    const zone = sim.state.zones.find((z) => z.id === COM)!;
    zone.hostnameCertListShape = "association";
    try {
      const response = await getValid(T.certList, `/zones/${COM}/origin_tls_client_auth/hostnames/certificates`, 200);
      const result = field<Record<string, unknown>[]>(response.json, "result");
      expect(result).toHaveLength(10); // three certificates each used by one hostname, seven unused
      expect(result.find((item) => item.hostname === DEMO_HOSTNAMES.legacy)).toMatchObject({
        cert_id: DEMO_CERT_IDS.exampleCom.hostnameCertificates.deploymentTimedOut,
        cert_status: "deployment_timed_out",
        enabled: false,
        status: "pending_deployment",
      });
    } finally {
      zone.hostnameCertListShape = "sdk";
    }
  });

  it("gets every hostname certificate by id", async () => {
    for (const zone of sim.state.zones) {
      for (const cert of zone.hostnameCertificates) {
        const response = await getValid(T.certItem, `/zones/${zone.id}/origin_tls_client_auth/hostnames/certificates/${cert.id}`, 200);
        expect(field(response.json, "result")).toEqual(cert);
      }
    }
  });

  it("gets each demo association, copying its certificate's fields", async () => {
    const expected = [
      [DEMO_HOSTNAMES.app, DEMO_CERT_IDS.exampleCom.hostnameCertificates.valid, true, "active", "active"],
      [DEMO_HOSTNAMES.api, DEMO_CERT_IDS.exampleCom.hostnameCertificates.expiringCritical, true, "active", "active"],
      [DEMO_HOSTNAMES.legacy, DEMO_CERT_IDS.exampleCom.hostnameCertificates.deploymentTimedOut, false, "pending_deployment", "deployment_timed_out"],
    ] as const;
    for (const [hostname, certId, enabled, status, certStatus] of expected) {
      const response = await getValid(T.association, `/zones/${COM}/origin_tls_client_auth/hostnames/${hostname}`, 200);
      const result = field<Record<string, unknown>>(response.json, "result");
      const cert = sim.state.zones[0]!.hostnameCertificates.find((c) => c.id === certId)!;
      expect(result).toMatchObject({ hostname, cert_id: certId, enabled, status, cert_status: certStatus });
      expect(result).toMatchObject({ certificate: cert.certificate, expires_on: cert.expires_on, serial_number: cert.serial_number });
      expect(result).not.toHaveProperty("id");
    }
  });

  it("serves a voided association (enabled: null) that still validates", async () => {
    const association = sim.state.zones[0]!.hostnameAssociations[DEMO_HOSTNAMES.app]!;
    association.enabled = null;
    try {
      const response = await getValid(T.association, `/zones/${COM}/origin_tls_client_auth/hostnames/${DEMO_HOSTNAMES.app}`, 200);
      expect(field(response.json, "result", "enabled")).toBeNull();
    } finally {
      association.enabled = true;
    }
  });

  it("answers 404 for a hostname without an association", async () => {
    const response = await getValid(T.association, `/zones/${COM}/origin_tls_client_auth/hostnames/${DEMO_UNASSOCIATED_HOSTNAME}`, 404);
    expectFailure(response, 7003);
  });

  it("answers 404 (code 7003) for an unknown zone id", async () => {
    const response = await getValid(T.certList, `/zones/${"0".repeat(32)}/origin_tls_client_auth/hostnames/certificates`, 404);
    expectFailure(response, 7003);
  });

  it("answers 403 (code 10000) to a bad token", async () => {
    const response = await getValid(T.trustStoreList, `/zones/${COM}/acm/custom_trust_store`, 403, { authorization: "Bearer wrong" });
    expect(response.json).toEqual({ success: false, errors: [{ code: 10000, message: "Authentication error" }], messages: [], result: null });
  });

  it("answers 403 without credentials and to key auth when no key is configured", async () => {
    await getValid(T.certList, `/zones/${COM}/origin_tls_client_auth/hostnames/certificates`, 403, {});
    await getValid(T.certList, `/zones/${COM}/origin_tls_client_auth/hostnames/certificates`, 403, { "x-auth-key": "k", "x-auth-email": "e@x" });
  });

  it("answers an injected 429 like the fixture, with Retry-After and exhausted Ratelimit", async () => {
    sim.injectFault({ template: T.trustStoreList, status: 429, retryAfter: 300 });
    const response = await getValid(T.trustStoreList, `/zones/${COM}/acm/custom_trust_store`, 429);
    expect(response.json).toEqual({
      success: false,
      errors: [{ code: 971, message: "Please wait and consider throttling your request speed" }],
      messages: [],
      result: null,
    });
    expect(response.headers["retry-after"]).toBe("300");
    expect(response.headers["ratelimit"]).toBe('"default";r=0;t=300');
    expect(response.headers["ratelimit-policy"]).toBe('"default";q=1200;w=300');
    // times defaults to 1: the next request is served normally.
    await getValid(T.trustStoreList, `/zones/${COM}/acm/custom_trust_store`, 200);
  });

  it("sends Ratelimit headers on ordinary answers", async () => {
    const response = await simGet(sim.baseUrl, `/zones/${COM}/acm/custom_trust_store`);
    expect(response.headers["ratelimit"]).toMatch(/^"default";r=\d+;t=\d+$/);
    expect(response.headers["ratelimit-policy"]).toBe('"default";q=1200;w=300');
    expect(response.headers["retry-after"]).toBeUndefined();
  });

  it("answers 404 with the v4 failure envelope to unknown routes and 405 to other methods", async () => {
    const unknown = await simGet(sim.baseUrl, `/zones/${COM}/dns_records`);
    expect(unknown.status).toBe(404);
    expectFailure(unknown, 7003);
    expect(sim.requests.at(-1)).toMatchObject({ template: null, status: 404, path: `/zones/${COM}/dns_records` });

    const outside = await simGet(sim.baseUrl.replace("/client/v4", ""), "/healthz");
    expect(outside.status).toBe(404);
    expectFailure(outside, 7003);

    const post = await simGet(sim.baseUrl, `/zones/${COM}/acm/custom_trust_store`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers["allow"]).toBe("GET");
    expect(post.json).toMatchObject({ success: false, result: null });
  });
});
