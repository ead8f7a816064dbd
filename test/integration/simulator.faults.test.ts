import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildState } from "../../dev/simulator/scenario.js";
import { DEMO_ZONE_IDS, demoScenario } from "../../dev/simulator/demo-scenario.js";
import { startSimulator, type Simulator } from "../../dev/simulator/server.js";
import { field, simGet } from "../helpers/simulator-client.js";

const TRUST_LIST = "/zones/:zone_id/acm/custom_trust_store";
const CERT_LIST = "/zones/:zone_id/origin_tls_client_auth/hostnames/certificates";
const COM = DEMO_ZONE_IDS.exampleCom;
const NET = DEMO_ZONE_IDS.exampleNet;
const trustPath = (zone: string) => `/zones/${zone}/acm/custom_trust_store`;
const certPath = (zone: string) => `/zones/${zone}/origin_tls_client_auth/hostnames/certificates`;

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ state: await buildState(demoScenario()), apiKey: "global-key", apiEmail: "ops@example.com" });
});

afterAll(async () => {
  await sim.close();
});

afterEach(() => {
  sim.clearFaults();
});

describe("simulator fault injection", () => {
  it("consumes a fault once per matching request, then answers normally", async () => {
    sim.injectFault({ template: TRUST_LIST, status: 503, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await simGet(sim.baseUrl, trustPath(COM))).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect(sim.requests.slice(-3).map((entry) => entry.status)).toEqual([503, 503, 200]);
  });

  it("returns a v4 failure envelope for injected 5xx", async () => {
    sim.injectFault({ status: 500 });
    const response = await simGet(sim.baseUrl, certPath(COM));
    expect(response.status).toBe(500);
    expect(response.json).toMatchObject({ success: false, result: null, errors: [{ code: expect.any(Number) }] });
  });

  it("scopes a fault to its template and zone", async () => {
    sim.injectFault({ template: CERT_LIST, zoneId: NET, status: 502, times: Infinity });
    expect((await simGet(sim.baseUrl, certPath(COM))).status).toBe(200);
    expect((await simGet(sim.baseUrl, trustPath(NET))).status).toBe(200);
    expect((await simGet(sim.baseUrl, certPath(NET))).status).toBe(502);
    expect((await simGet(sim.baseUrl, certPath(NET))).status).toBe(502);
    sim.clearFaults();
    expect((await simGet(sim.baseUrl, certPath(NET))).status).toBe(200);
  });

  it("applies faults before authentication, as an edge rate limiter would", async () => {
    sim.injectFault({ status: 429, retryAfter: 7 });
    const response = await simGet(sim.baseUrl, trustPath(COM), { headers: { authorization: "Bearer wrong" } });
    expect(response.status).toBe(429);
    expect(response.headers["retry-after"]).toBe("7");
  });

  it("serves a non-JSON 200 for body: malformed", async () => {
    sim.injectFault({ body: "malformed" });
    const response = await simGet(sim.baseUrl, trustPath(COM));
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json");
    expect(response.json).toBeUndefined();
    expect(() => JSON.parse(response.text)).toThrow();
  });

  it("serves HTTP 200 with success:false for body: success_false", async () => {
    sim.injectFault({ body: "success_false" });
    const response = await simGet(sim.baseUrl, certPath(COM));
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ success: false, errors: [{ code: expect.any(Number), message: expect.any(String) }], messages: [], result: null });
    expect(field<number>(response.json, "errors", 0, "code")).toBeGreaterThanOrEqual(1000);
  });

  it("serves a string result for body: wrong_shape", async () => {
    sim.injectFault({ body: "wrong_shape" });
    const response = await simGet(sim.baseUrl, certPath(COM));
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ success: true, errors: [], messages: [] });
    expect(typeof field(response.json, "result")).toBe("string");
  });

  it("delays the answer for delayMs, so a client timeout fires, and still logs the request", async () => {
    const before = sim.requestCount(TRUST_LIST, COM);
    sim.injectFault({ template: TRUST_LIST, delayMs: 1_000 });
    await expect(simGet(sim.baseUrl, trustPath(COM), { headersTimeout: 100 })).rejects.toMatchObject({ code: "UND_ERR_HEADERS_TIMEOUT" });
    expect(sim.requestCount(TRUST_LIST, COM)).toBe(before + 1);
    expect(sim.requests.at(-1)).toMatchObject({ template: TRUST_LIST, status: 0 });

    sim.injectFault({ template: TRUST_LIST, delayMs: 50 });
    const started = Date.now();
    const delayed = await simGet(sim.baseUrl, trustPath(COM));
    expect(delayed.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it("counts requests per template and zone, with their query", async () => {
    const before = sim.requestCount(TRUST_LIST);
    await simGet(sim.baseUrl, `${trustPath(NET)}?page=2&per_page=50`);
    expect(sim.requestCount(TRUST_LIST)).toBe(before + 1);
    expect(sim.requests.at(-1)).toMatchObject({ method: "GET", path: trustPath(NET), zoneId: NET, query: { page: "2", per_page: "50" }, status: 200 });
    expect(sim.requestCount()).toBe(sim.requests.length);
  });

  it("accepts X-Auth-Key with X-Auth-Email when configured, and only as a pair", async () => {
    const keyed = await simGet(sim.baseUrl, trustPath(COM), { headers: { "x-auth-key": "global-key", "x-auth-email": "ops@example.com" } });
    expect(keyed.status).toBe(200);
    const keyOnly = await simGet(sim.baseUrl, trustPath(COM), { headers: { "x-auth-key": "global-key" } });
    expect(keyOnly.status).toBe(403);
  });

  it("serves live state: a mutation shows in the next answer", async () => {
    const cert = sim.state.zones[0]!.hostnameCertificates[0]!;
    const original = cert.status;
    cert.status = "pending_deletion";
    try {
      const response = await simGet(sim.baseUrl, `${certPath(COM)}/${cert.id}`);
      expect(field(response.json, "result", "status")).toBe("pending_deletion");
    } finally {
      cert.status = original;
    }
  });

  it("rejects a fault that could never fire", () => {
    expect(() => sim.injectFault({ times: 0 })).toThrow(/positive/);
  });
});

describe("simulator lifecycle", () => {
  it("closes promptly while a delayed request is pending", async () => {
    const local = await startSimulator({ state: { zones: [] } });
    local.injectFault({ delayMs: 60_000, times: Infinity });
    const pending = simGet(local.baseUrl, `/zones/${"a".repeat(32)}/acm/custom_trust_store`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await local.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(Error);
  });
});
