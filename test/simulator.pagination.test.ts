import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildState, type CertSpec } from "../src/simulator/scenario.js";
import { startSimulator, type Simulator } from "../src/simulator/server.js";
import { validateResponse } from "./helpers/openapi-response-validator.js";
import { field, simGet } from "./helpers/simulator-client.js";

const ZONE_ID = "0123456789abcdef0123456789abcdef";
const TEMPLATE = "/zones/:zone_id/acm/custom_trust_store";
const listPath = (query: string) => `/zones/${ZONE_ID}/acm/custom_trust_store?${query}`;

let sim: Simulator;

beforeAll(async () => {
  const trustStore: CertSpec[] = Array.from({ length: 60 }, (_, index) => ({ cn: `Bulk Root CA ${index + 1}`, daysLeft: 365 + index }));
  sim = await startSimulator({ state: await buildState({ zones: [{ id: ZONE_ID, name: "bulk.example", trustStore }] }) });
});

afterAll(async () => {
  await sim.close();
});

async function page(query: string): Promise<{ ids: string[]; resultInfo: unknown }> {
  const response = await simGet(sim.baseUrl, listPath(query));
  expect(response.status).toBe(200);
  const validation = validateResponse(TEMPLATE, 200, response.json);
  expect(validation.valid, validation.errors).toBe(true);
  return { ids: field<{ id: string }[]>(response.json, "result").map((item) => item.id), resultInfo: field(response.json, "result_info") };
}

describe("trust-store pagination over 60 CAs", () => {
  it("splits per_page=50 into 50, 10 and an empty third page", async () => {
    const first = await page("page=1&per_page=50");
    const second = await page("page=2&per_page=50");
    const third = await page("page=3&per_page=50");

    expect(first.resultInfo).toEqual({ page: 1, per_page: 50, count: 50, total_count: 60, total_pages: 2 });
    expect(second.resultInfo).toEqual({ page: 2, per_page: 50, count: 10, total_count: 60, total_pages: 2 });
    expect(third.resultInfo).toEqual({ page: 3, per_page: 50, count: 0, total_count: 60, total_pages: 2 });
    expect(third.ids).toEqual([]);

    const all = [...first.ids, ...second.ids];
    expect(all).toEqual(sim.state.zones[0]!.trustStore.map((item) => item.id));
    expect(new Set(all).size).toBe(60);
  });

  it("defaults to page 1 of 20", async () => {
    const { ids, resultInfo } = await page("");
    expect(ids).toHaveLength(20);
    expect(resultInfo).toEqual({ page: 1, per_page: 20, count: 20, total_count: 60, total_pages: 3 });
  });

  it("accepts the per_page bounds 5 and 50", async () => {
    expect((await page("per_page=5&page=12")).ids).toHaveLength(5);
    expect((await page("per_page=5&page=13")).ids).toHaveLength(0);
  });

  it("rejects page=0 with a 400 failure envelope", async () => {
    const response = await simGet(sim.baseUrl, listPath("page=0"));
    expect(response.status).toBe(400);
    const validation = validateResponse(TEMPLATE, 400, response.json);
    expect(validation.valid, validation.errors).toBe(true);
  });
});
