// The simulator's Origin CA list over HTTP: the zone named in the query, page/per_page honoured,
// the Go-form expires_on, and the demo's certificates.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CERT_IDS, DEMO_ZONE_IDS, demoScenario } from "../../../dev/simulator/demo-scenario.js";
import { buildState } from "../../../dev/simulator/scenario.js";
import { startSimulator, type Simulator } from "../../../dev/simulator/server.js";

const COM = DEMO_ZONE_IDS.exampleCom;
const IDS = DEMO_CERT_IDS.exampleCom.originCaCertificates;
const GO_FORM = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+0000 UTC$/;

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ state: await buildState(demoScenario()) });
});
afterAll(async () => sim.close());

async function get(query: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${sim.baseUrl}/certificates${query}`, { headers: { authorization: "Bearer sim-token" } });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe("Origin CA certificates in the simulator", () => {
  it("lists example.com's two, PEM in the list, expires_on in Go's time.String() form", async () => {
    const { status, json } = await get(`?zone_id=${COM}`);
    expect(status).toBe(200);
    const result = json.result as Array<Record<string, unknown>>;
    expect(result.map((c) => c.id)).toEqual([IDS.healthy, IDS.expiringSoon]);
    for (const item of result) {
      expect(item.certificate).toMatch(/^-----BEGIN CERTIFICATE-----/);
      expect(item.expires_on).toMatch(GO_FORM);
      expect(Object.keys(item).sort()).toEqual(["certificate", "csr", "expires_on", "hostnames", "id", "request_type", "requested_validity"]);
    }
    expect(result[1]!.hostnames).toEqual(["origin.example.com"]);
    expect(json.result_info).toEqual({ page: 1, per_page: 20, count: 2, total_count: 2, total_pages: 1 });
    // Logged under the zone it names, as a path parameter would be.
    expect(sim.requestCount("/certificates", COM)).toBe(1);
  });

  it("honours page and per_page", async () => {
    const first = await get(`?zone_id=${COM}&page=1&per_page=5`);
    expect((first.json.result as unknown[]).length).toBe(2);
    const past = await get(`?zone_id=${COM}&page=2&per_page=5`);
    expect(past.json.result).toEqual([]);
    expect((await get(`?zone_id=${COM}&per_page=51`)).status).toBe(400);
  });

  // The simulator's choice: Cloudflare was seen answering code 1016 when zone_id was left out
  // (docs/cloudflare-api.md §B1); certwatch always sends it.
  it("answers 404 without a zone_id or for an unknown zone", async () => {
    expect((await get("")).status).toBe(404);
    expect((await get(`?zone_id=${"f".repeat(32)}`)).status).toBe(404);
  });
});
