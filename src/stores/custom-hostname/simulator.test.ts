// The simulator serving custom hostnames over HTTP, validated against Cloudflare's schema.
import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildState } from "../../../dev/simulator/scenario.js";
import { DEMO_CERT_IDS, DEMO_CUSTOM_HOSTNAMES, DEMO_ZONE_IDS, demoScenario } from "../../../dev/simulator/demo-scenario.js";
import { startSimulator, type Simulator } from "../../../dev/simulator/server.js";
import { findZone } from "../../../dev/simulator/state.js";
import { type CustomHostnameItem } from "./shape.sim.js";
import { daysUntil, expectFailure, field, getValidated, ids } from "../../../test/helpers/simulator-client.js";

const T = {
  hostnameList: "/zones/:zone_id/custom_hostnames",
  hostnameItem: "/zones/:zone_id/custom_hostnames/:custom_hostname_id",
} as const;

const COM = DEMO_ZONE_IDS.exampleCom;
const NET = DEMO_ZONE_IDS.exampleNet;
const IDS = DEMO_CERT_IDS.exampleCom;
const UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000";

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ state: await buildState(demoScenario()) });
});

afterAll(async () => {
  await sim.close();
});



describe("custom hostnames", () => {
  const listPath = (zone: string, query = "") => `/zones/${zone}/custom_hostnames${query}`;
  const served = () => findZone(sim.state, COM)!.customHostnames;

  it("lists example.com's six hostnames with default paging", async () => {
    const response = await getValidated(sim, T.hostnameList, listPath(COM), 200);
    expect(ids(response)).toEqual(Object.values(IDS.customHostnames));
    expect(field(response.json, "result_info")).toEqual({ page: 1, per_page: 20, count: 6, total_count: 6, total_pages: 1 });
  });

  it("answers a page past the end with an empty result", async () => {
    const response = await getValidated(sim, T.hostnameList, listPath(COM, "?page=2&per_page=50"), 200);
    expect(field(response.json, "result")).toEqual([]);
    expect(field(response.json, "result_info")).toEqual({ page: 2, per_page: 50, count: 0, total_count: 6, total_pages: 1 });
  });

  it("gets each hostname by id, identical to its list item", async () => {
    const list = field<CustomHostnameItem[]>((await getValidated(sim, T.hostnameList, listPath(COM), 200)).json, "result");
    for (const item of list) {
      const response = await getValidated(sim, T.hostnameItem, listPath(COM, `/${item.id}`), 200);
      expect(field(response.json, "result")).toEqual(item);
    }
  });

  it("serves managed hostnames with ssl.certificates[] (no PEM) and the custom one with its PEM", async () => {
    const list = field<CustomHostnameItem[]>((await getValidated(sim, T.hostnameList, listPath(COM), 200)).json, "result");
    const byHostname = new Map(list.map((item) => [item.hostname, item]));
    const managed = byHostname.get(DEMO_CUSTOM_HOSTNAMES.managedActive)!;
    expect(managed.ssl).not.toHaveProperty("custom_certificate");
    expect(managed.ssl).toMatchObject({ status: "active", certificate_authority: "google", type: "dv", method: "txt" });
    expect(Math.min(...managed.ssl.certificates!.map((cert) => daysUntil(cert.expires_on)))).toBeCloseTo(60, 2);

    const custom = byHostname.get(DEMO_CUSTOM_HOSTNAMES.customUploadedExpiring)!;
    expect(custom.ssl).not.toHaveProperty("certificates");
    expect(custom.ssl.hosts).toEqual([DEMO_CUSTOM_HOSTNAMES.customUploadedExpiring]);
    expect(daysUntil(new Date(new X509Certificate(custom.ssl.custom_certificate!).validTo).toISOString())).toBeCloseTo(4, 2);
    expect(custom.ssl.expires_on).toBe(new Date(new X509Certificate(custom.ssl.custom_certificate!).validTo).toISOString().replace(".000", ""));

    const pending = byHostname.get(DEMO_CUSTOM_HOSTNAMES.pendingValidationExpiring)!;
    expect(pending.ssl.validation_errors).toEqual([{ message: `SERVFAIL looking up CAA for ${DEMO_CUSTOM_HOSTNAMES.pendingValidationExpiring}` }]);
    expect(pending.ssl.validation_records).toHaveLength(1);
    expect(byHostname.get(DEMO_CUSTOM_HOSTNAMES.moved)).toMatchObject({ status: "moved", verification_errors: ["custom hostname does not CNAME to this zone."] });
    expect(byHostname.get(DEMO_CUSTOM_HOSTNAMES.backupIssued)!.ssl.status).toBe("backup_issued");
    expect(managed).not.toHaveProperty("verification_errors");
  });

  it.each([
    [`?hostname=${DEMO_CUSTOM_HOSTNAMES.moved}`, [IDS.customHostnames.moved]],
    [`?hostname.exact=${DEMO_CUSTOM_HOSTNAMES.moved.toUpperCase()}`, [IDS.customHostnames.moved]],
    ["?hostname.contain=customer-b", [IDS.customHostnames.validationTimedOut]],
    ["?hostname.startsWith=store.", [IDS.customHostnames.customUploadedExpiring]],
    [`?id=${IDS.customHostnames.backupIssued}`, [IDS.customHostnames.backupIssued]],
    ["?ssl_status=validation_timed_out", [IDS.customHostnames.validationTimedOut]],
    ["?hostname_status=moved", [IDS.customHostnames.moved]],
    ["?hostname=nothing.test", []],
  ])("filters %s", async (query, expected) => {
    expect(ids(await getValidated(sim, T.hostnameList, listPath(COM, query), 200))).toEqual(expected);
  });

  it("rejects id combined with a hostname filter, as the SDK forbids", async () => {
    expectFailure(await getValidated(sim, T.hostnameList, listPath(COM, `?id=${UNKNOWN_UUID}&hostname=a.test`), 400), 1001);
  });

  it("answers 404 (code 7003) for an unknown id and an unknown zone", async () => {
    expectFailure(await getValidated(sim, T.hostnameItem, listPath(COM, `/${UNKNOWN_UUID}`), 404), 7003);
    expectFailure(await getValidated(sim, T.hostnameList, listPath("0".repeat(32)), 404), 7003);
  });

  it("answers 403 (code 1404) on both routes of example.net, which has no Cloudflare for SaaS", async () => {
    for (const [template, path] of [
      [T.hostnameList, listPath(NET)],
      [T.hostnameItem, listPath(NET, `/${served()[0]!.id}`)],
    ] as const) {
      const response = await getValidated(sim, template, path, 403);
      expectFailure(response, 1404);
      expect(field(response.json, "errors", 0, "message")).toMatch(/Cloudflare for SaaS is not enabled/);
    }
  });
});
