// The simulator's accounts (docs/cloudflare-api.md §B7): `GET /accounts` and its paging, the
// refusal an account-owned token gets, and which accounts the account stores' routes serve.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildState } from "../../dev/simulator/scenario.js";
import { startSimulator, type Simulator } from "../../dev/simulator/server.js";
import { DEFAULT_ZONE_ACCOUNT } from "../../dev/simulator/zone.js";
import { field, simGet } from "../helpers/simulator-client.js";

const OWN = { id: "acc0000000000000000000000000000a", name: "Zero Trust Corp" };
const ZONE_ONLY = { id: "acc0000000000000000000000000000b", name: "Zones Only Ltd" };
const ACCOUNT_TOKEN = "account-owned-token";
const MTLS_LIST = "/accounts/:account_id/mtls_certificates";

let sim: Simulator;

beforeAll(async () => {
  const numbered = Array.from({ length: 22 }, (_, i) => ({ id: `acc1${String(i).padStart(28, "0")}`, name: `Bulk ${i}` }));
  const state = await buildState({
    zones: [
      { name: "own.test", account: OWN },
      { name: "zones-only.test", account: ZONE_ONLY },
      { name: "default.test" },
    ],
    accounts: [{ ...OWN, type: "enterprise", mtlsCertificates: [{ cn: "Own Root", daysLeft: 100 }] }, ...numbered],
    tokens: { [ACCOUNT_TOKEN]: { owner: "account", accountId: OWN.id } },
  });
  sim = await startSimulator({ state, scopedTokens: [{ token: ACCOUNT_TOKEN, zoneIds: [] }] });
});

afterAll(async () => {
  await sim.close();
});

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe("GET /accounts", () => {
  it("lists the state's accounts, then those only zones name, once each, 20 a page by default", async () => {
    const first = await simGet(sim.baseUrl, "/accounts");
    expect(first.status).toBe(200);
    expect(field(first.json, "result_info")).toEqual({ page: 1, per_page: 20, count: 20, total_count: 25, total_pages: 2 });
    expect(field(first.json, "result", 0)).toMatchObject({ id: OWN.id, name: OWN.name, type: "enterprise" });
    const second = await simGet(sim.baseUrl, "/accounts?page=2");
    const tail = field<Array<{ id: string; name: string; type: string }>>(second.json, "result");
    expect(tail.map((a) => [a.name, a.type])).toEqual([
      ["Bulk 19", "standard"],
      ["Bulk 20", "standard"],
      ["Bulk 21", "standard"],
      [ZONE_ONLY.name, "standard"],
      [DEFAULT_ZONE_ACCOUNT.name, "standard"],
    ]);
  });

  it("pages up to 50 and refuses more", async () => {
    const all = await simGet(sim.baseUrl, "/accounts?per_page=50");
    expect(field<unknown[]>(all.json, "result")).toHaveLength(25);
    expect((await simGet(sim.baseUrl, "/accounts?per_page=51")).status).toBe(400);
    expect((await simGet(sim.baseUrl, "/accounts?page=0")).status).toBe(400);
  });

  it("answers an account-owned token 400 with code 1001", async () => {
    const refused = await simGet(sim.baseUrl, "/accounts", bearer(ACCOUNT_TOKEN));
    expect(refused.status).toBe(400);
    expect(field(refused.json, "errors")).toEqual([{ code: 1001, message: "List accounts endpoint does not support account owned tokens." }]);
  });
});

describe("the account stores' routes", () => {
  const mtls = (accountId: string, token?: string) => simGet(sim.baseUrl, `/accounts/${accountId}/mtls_certificates`, token ? bearer(token) : {});

  it("serve an account's own data, and an account only a zone names as empty", async () => {
    expect(field<unknown[]>((await mtls(OWN.id)).json, "result")).toHaveLength(1);
    const zoneOnly = await mtls(ZONE_ONLY.id);
    expect(zoneOnly.status).toBe(200);
    expect(field(zoneOnly.json, "result")).toEqual([]);
    const access = await simGet(sim.baseUrl, `/accounts/${ZONE_ONLY.id}/access/certificates`);
    expect(field(access.json, "result")).toEqual([]);
  });

  it("refuse an unknown account, and another account to an account-owned token, with 403", async () => {
    const unknown = await mtls("ffffffffffffffffffffffffffffffff");
    expect(unknown.status).toBe(403);
    expect(field(unknown.json, "errors", 0, "code")).toBe(10000);
    expect((await mtls(OWN.id, ACCOUNT_TOKEN)).status).toBe(200);
    expect((await mtls(ZONE_ONLY.id, ACCOUNT_TOKEN)).status).toBe(403);
  });

  it("log the account, count requests by it, and take faults aimed at it", async () => {
    const before = sim.requestCount(MTLS_LIST, ZONE_ONLY.id);
    sim.injectFault({ template: MTLS_LIST, zoneId: ZONE_ONLY.id, status: 503 });
    expect((await mtls(OWN.id)).status).toBe(200);
    expect((await mtls(ZONE_ONLY.id)).status).toBe(503);
    expect((await mtls(ZONE_ONLY.id)).status).toBe(200);
    expect(sim.requestCount(MTLS_LIST, ZONE_ONLY.id)).toBe(before + 2);
    expect(sim.requests.at(-1)).toMatchObject({ template: MTLS_LIST, accountId: ZONE_ONLY.id });
    expect(sim.requests.at(-1)?.zoneId).toBeUndefined();
  });
});
