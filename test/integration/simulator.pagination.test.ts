import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildState, type CertSpec, type ZoneSpec } from "../../dev/simulator/scenario.js";
import { bulkCustomHostnames } from "../../src/stores/custom-hostname/scenario.sim.js";
import { startSimulator, type Simulator } from "../../dev/simulator/server.js";
import { validateResponse } from "../helpers/openapi-response-validator.js";
import { field, simGet } from "../helpers/simulator-client.js";

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

describe("custom hostname and certificate pack pagination (3 zones × 120 hostnames)", () => {
  const ZONES = ["1111111111111111111111111111aaaa", "2222222222222222222222222222bbbb", "3333333333333333333333333333cccc"];
  const HOSTNAMES = "/zones/:zone_id/custom_hostnames";
  const PACKS = "/zones/:zone_id/ssl/certificate_packs";
  let bulk: Simulator;
  let buildMs = 0;

  beforeAll(async () => {
    const started = Date.now();
    const zones: ZoneSpec[] = ZONES.map((id, zoneIndex) => ({
      id,
      name: `saas${zoneIndex + 1}.example`,
      // Every tenth hostname carries an uploaded certificate: 12 per zone, sharing PEMs by daysLeft.
      customHostnames: bulkCustomHostnames(120, { domain: `tenants${zoneIndex + 1}.test`, customize: (i) => (i % 10 === 0 ? { kind: "custom" } : {}) }),
      // 60 packs, every third one pending: 40 active.
      certificatePacks: Array.from({ length: 60 }, (_, i) => ({
        hosts: [`p${i}.saas${zoneIndex + 1}.example`],
        status: i % 3 === 2 ? "pending_validation" : "active",
        certificates: [{ daysLeft: 30 + i }],
      })),
    }));
    bulk = await startSimulator({ state: await buildState({ zones }) });
    buildMs = Date.now() - started;
  });

  afterAll(async () => {
    await bulk.close();
  });

  async function validPage(template: string, path: string): Promise<{ ids: string[]; resultInfo: unknown }> {
    const response = await simGet(bulk.baseUrl, path);
    expect(response.status).toBe(200);
    const validation = validateResponse(template, 200, response.json);
    expect(validation.valid, validation.errors).toBe(true);
    return { ids: field<{ id: string }[]>(response.json, "result").map((item) => item.id), resultInfo: field(response.json, "result_info") };
  }

  it("builds 360 hostnames quickly: managed ones mint nothing, custom ones share PEMs", () => {
    expect(buildMs).toBeLessThan(10_000);
    const custom = bulk.state.zones.flatMap((zone) => zone.customHostnames).filter((item) => item.ssl.custom_certificate !== undefined);
    expect(custom).toHaveLength(36);
    // daysLeft = 30 + (i % 60) for i = 0, 10, … 110: six distinct values, so six distinct PEMs.
    expect(new Set(custom.map((item) => item.ssl.custom_certificate)).size).toBe(6);
  });

  it.each(ZONES)("splits zone %s's 120 hostnames into 50, 50, 20 and an empty fourth page", async (zoneId) => {
    const pages = [];
    for (let page = 1; page <= 4; page++) pages.push(await validPage(HOSTNAMES, `/zones/${zoneId}/custom_hostnames?page=${page}&per_page=50`));
    expect(pages.map((page) => page.resultInfo)).toEqual([1, 2, 3, 4].map((page) => ({
      page,
      per_page: 50,
      count: [50, 50, 20, 0][page - 1],
      total_count: 120,
      total_pages: 3,
    })));
    const all = pages.flatMap((page) => page.ids);
    expect(all).toEqual(bulk.state.zones.find((zone) => zone.id === zoneId)!.customHostnames.map((item) => item.id));
    expect(new Set(all).size).toBe(120);
  });

  it("pages the default (active-only) pack list over its own total, and status=all over every pack", async () => {
    const zoneId = ZONES[0]!;
    const active = [
      await validPage(PACKS, `/zones/${zoneId}/ssl/certificate_packs?per_page=25`),
      await validPage(PACKS, `/zones/${zoneId}/ssl/certificate_packs?per_page=25&page=2`),
    ];
    expect(active.map((page) => page.resultInfo)).toEqual([
      { page: 1, per_page: 25, count: 25, total_count: 40, total_pages: 2 },
      { page: 2, per_page: 25, count: 15, total_count: 40, total_pages: 2 },
    ]);
    const packs = bulk.state.zones[0]!.certificatePacks;
    expect(active.flatMap((page) => page.ids)).toEqual(packs.filter((pack) => pack.status === "active").map((pack) => pack.id));

    const all = [];
    for (let page = 1; page <= 3; page++) all.push(await validPage(PACKS, `/zones/${zoneId}/ssl/certificate_packs?status=all&per_page=25&page=${page}`));
    expect(all.map((page) => (page.resultInfo as { count: number }).count)).toEqual([25, 25, 10]);
    expect(all.flatMap((page) => page.ids)).toEqual(packs.map((pack) => pack.id));
    expect(await validPage(PACKS, `/zones/${zoneId}/ssl/certificate_packs?status=all&per_page=25&page=4`)).toMatchObject({ ids: [] });
  });
});
