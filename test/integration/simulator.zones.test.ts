import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildState } from "../../dev/simulator/scenario.js";
import { DEMO_CERT_IDS, DEMO_ZONE_IDS, demoScenario } from "../../dev/simulator/demo-scenario.js";
import { startSimulator, type Simulator } from "../../dev/simulator/server.js";
import { findZone } from "../../dev/simulator/state.js";
import { field, getValidated, type SimResponse } from "../helpers/simulator-client.js";

const T = {
  zoneList: "/zones",
  zoneItem: "/zones/:zone_id",
  aopList: "/zones/:zone_id/origin_tls_client_auth",
  aopItem: "/zones/:zone_id/origin_tls_client_auth/:certificate_id",
  aopSettings: "/zones/:zone_id/origin_tls_client_auth/settings",
  hostnameCertList: "/zones/:zone_id/origin_tls_client_auth/hostnames/certificates",
  association: "/zones/:zone_id/origin_tls_client_auth/hostnames/:hostname",
} as const;

const COM = DEMO_ZONE_IDS.exampleCom;
const NET = DEMO_ZONE_IDS.exampleNet;
const ORG = DEMO_ZONE_IDS.exampleOrg;
const ACCOUNT = { id: "11112222333344445555666677778888", name: "Example Account" };
const AOP_IDS = DEMO_CERT_IDS.exampleCom.zoneAopCertificates;

const fixtures = JSON.parse(readFileSync(new URL("../data/fixtures.json", import.meta.url), "utf8")) as Record<string, { body: unknown }>;

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ state: await buildState(demoScenario()) });
});

afterAll(async () => {
  await sim.close();
});

afterEach(() => {
  sim.clearFaults();
});

const names = (response: SimResponse) => field<{ name: string }[]>(response.json, "result").map((zone) => zone.name);

function expectFailure(response: SimResponse, code: number): void {
  expect(response.json).toEqual({ success: false, errors: [expect.objectContaining({ code })], messages: [], result: null });
}

describe("GET /zones", () => {
  it("lists every zone of the state in the fixture's shape, example.org included", async () => {
    const response = await getValidated(sim, T.zoneList, "/zones", 200);
    const result = field<Record<string, unknown>[]>(response.json, "result");
    expect(result.map((zone) => [zone.id, zone.name])).toEqual([
      [COM, "example.com"],
      [NET, "example.net"],
      [ORG, "example.org"],
    ]);
    const fixtureZone = field<Record<string, unknown>[]>(fixtures["GET /zones?page=1&per_page=50"]!.body, "result")[0]!;
    for (const zone of result) {
      expect(Object.keys(zone).sort()).toEqual(Object.keys(fixtureZone).sort());
      expect(zone).toMatchObject({ status: "active", paused: false, type: "full", account: ACCOUNT, activated_on: expect.any(String) });
    }
    expect(field(response.json, "result_info")).toEqual({ page: 1, per_page: 20, count: 3, total_count: 3, total_pages: 1 });
  });

  it("pages: per_page=5 page 2 is past the end and empty", async () => {
    const response = await getValidated(sim, T.zoneList, "/zones?page=2&per_page=5", 200);
    expect(field(response.json, "result")).toEqual([]);
    expect(field(response.json, "result_info")).toEqual({ page: 2, per_page: 5, count: 0, total_count: 3, total_pages: 1 });
  });

  it("rejects per_page outside 5..50 with a 400 failure envelope", async () => {
    expectFailure(await getValidated(sim, T.zoneList, "/zones?per_page=51", 400), 1001);
  });

  it.each([
    ["name=example.org", ["example.org"]],
    ["name=EXAMPLE.com", ["example.com"]],
    ["name=example", []],
    ["name=contains:.org", ["example.org"]],
    ["name=contains:ample", ["example.com", "example.net", "example.org"]],
    ["name=starts_with:example.n", ["example.net"]],
    ["name=ends_with:.com", ["example.com"]],
    ["name=not_equal:example.com", ["example.net", "example.org"]],
    ["name=contains_case_sensitive:EXAMPLE", []],
    ["name=bogus:example.com", []],
    [`account.id=${ACCOUNT.id}`, ["example.com", "example.net", "example.org"]],
    [`account.id=${"0".repeat(32)}`, []],
    ["account.name=contains:example", ["example.com", "example.net", "example.org"]],
    ["status=active", ["example.com", "example.net", "example.org"]],
    ["status=pending", []],
    [`name=example.com&account.id=${"0".repeat(32)}`, []],
    [`name=example.com&account.id=${"0".repeat(32)}&match=any`, ["example.com"]],
  ])("filters ?%s", async (query, expected) => {
    const response = await getValidated(sim, T.zoneList, `/zones?${query}`, 200);
    expect(names(response)).toEqual(expected);
    expect(field(response.json, "result_info", "total_count")).toBe(expected.length);
  });

  it("serves a zone's own account and status, and filters on them", async () => {
    const org = findZone(sim.state, ORG)!;
    org.account = { id: "99998888777766665555444433332222", name: "Other Account" };
    org.status = "pending";
    try {
      const byAccount = await getValidated(sim, T.zoneList, "/zones?account.id=99998888777766665555444433332222", 200);
      expect(field(byAccount.json, "result", 0)).toMatchObject({
        name: "example.org",
        status: "pending",
        activated_on: null,
        account: { id: "99998888777766665555444433332222", name: "Other Account" },
        owner: { type: "organization", name: "Other Account" },
      });
      expect(names(await getValidated(sim, T.zoneList, "/zones?status=pending", 200))).toEqual(["example.org"]);
    } finally {
      delete org.account;
      delete org.status;
    }
  });

  it("answers 403 (code 10000) to a bad token, and an injected fault on its template", async () => {
    expectFailure(await getValidated(sim, T.zoneList, "/zones", 403, { authorization: "Bearer wrong" }), 10000);
    sim.injectFault({ template: T.zoneList, status: 404 });
    expectFailure(await getValidated(sim, T.zoneList, "/zones", 404), 7003);
  });
});

describe("GET /zones/:zone_id", () => {
  it("gets each zone, identical to its list item, and logs its zone id", async () => {
    const list = field<{ id: string }[]>((await getValidated(sim, T.zoneList, "/zones", 200)).json, "result");
    for (const zone of list) {
      const response = await getValidated(sim, T.zoneItem, `/zones/${zone.id}`, 200);
      expect(field(response.json, "result")).toEqual(zone);
      expect(sim.requests.at(-1)?.zoneId).toBe(zone.id);
    }
  });

  it("answers 404 (code 7003) for an unknown zone", async () => {
    expectFailure(await getValidated(sim, T.zoneItem, `/zones/${"0".repeat(32)}`, 404), 7003);
  });
});

describe("zone-level authenticated origin pull", () => {
  it("lists example.com's two certificates on a single page, without result_info", async () => {
    const response = await getValidated(sim, T.aopList, `/zones/${COM}/origin_tls_client_auth`, 200);
    const result = field<Record<string, unknown>[]>(response.json, "result");
    expect(result.map((item) => item.id)).toEqual([AOP_IDS.valid, AOP_IDS.expiringSoon]);
    expect(result[0]).toMatchObject({ status: "active", enabled: true, issuer: "certwatch Sim Client CA", signature: "ECDSAWithSHA256" });
    expect(result[1]).not.toHaveProperty("enabled");
    for (const item of result) {
      expect(item.id).toMatch(/^[0-9a-f]{32}$/);
      expect(item.certificate).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    }
    expect(response.json).not.toHaveProperty("result_info");
  });

  it("gets each certificate by id: the list item without `enabled`, as the fixture has it", async () => {
    for (const cert of findZone(sim.state, COM)!.aopZoneCertificates) {
      const response = await getValidated(sim, T.aopItem, `/zones/${COM}/origin_tls_client_auth/${cert.id}`, 200);
      const { enabled: _enabled, ...expected } = cert;
      expect(field(response.json, "result")).toEqual(expected);
    }
  });

  it("answers an empty list for a zone without certificates, and 404 for an unknown id", async () => {
    expect(field((await getValidated(sim, T.aopList, `/zones/${NET}/origin_tls_client_auth`, 200)).json, "result")).toEqual([]);
    expectFailure(await getValidated(sim, T.aopItem, `/zones/${COM}/origin_tls_client_auth/${"f".repeat(32)}`, 404), 7003);
    expectFailure(await getValidated(sim, T.aopList, `/zones/${"0".repeat(32)}/origin_tls_client_auth`, 404), 7003);
  });

  it("serves the settings: off for example.com, on (the default) for example.net", async () => {
    const com = await getValidated(sim, T.aopSettings, `/zones/${COM}/origin_tls_client_auth/settings`, 200);
    expect(field(com.json, "result")).toEqual({ enabled: false });
    const net = await getValidated(sim, T.aopSettings, `/zones/${NET}/origin_tls_client_auth/settings`, 200);
    expect(field(net.json, "result")).toEqual({ enabled: true });
  });

  it("never takes `settings` or `hostnames/...` for a certificate id", async () => {
    await getValidated(sim, T.aopSettings, `/zones/${COM}/origin_tls_client_auth/settings`, 200);
    await getValidated(sim, T.hostnameCertList, `/zones/${COM}/origin_tls_client_auth/hostnames/certificates`, 200);
    await getValidated(sim, T.association, `/zones/${COM}/origin_tls_client_auth/hostnames/app.example.com`, 200);
  });
});
