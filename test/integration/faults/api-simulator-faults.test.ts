// The fault kinds the API fault matrix needs, checked against the simulator alone: a raw reply,
// a reset mid-body, a request that is never answered (and does not hold close() open), a
// rewrite of the normal answer, and a server that ignores `page`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildState } from "../../../dev/simulator/scenario.js";
import { startSimulator, type Simulator } from "../../../dev/simulator/server.js";
import { simGet } from "../../helpers/simulator-client.js";
import { EP, faultScenario, IDS, ZONE } from "./fault-cases.js";

const trustPath = `/zones/${ZONE}/acm/custom_trust_store`;
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ state: await buildState(faultScenario()) });
});
afterAll(async () => {
  await sim.close();
});

describe("simulator fault kinds for the fault matrix", () => {
  it("raw: sends exactly the bytes, status and content type given", async () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x7b, 0x00]);
    sim.injectFault({ template: EP.trustStore, raw: { status: 418, body: bytes, contentType: "application/octet-stream", headers: { "x-fault": "1" } } });
    const response = await simGet(sim.baseUrl, trustPath);
    expect(response.status).toBe(418);
    expect(response.headers["content-type"]).toBe("application/octet-stream");
    expect(response.headers["x-fault"]).toBe("1");
    expect(Buffer.from(response.text, "utf8").length).toBeGreaterThan(0);
    expect(sim.requests.at(-1)).toMatchObject({ template: EP.trustStore, status: 418 });
  });

  it("resetAfterBytes: announces the full length, sends part of it, then drops the connection", async () => {
    sim.injectFault({ template: EP.trustStore, resetAfterBytes: 25 });
    await expect(simGet(sim.baseUrl, trustPath)).rejects.toThrow();
    expect((await simGet(sim.baseUrl, trustPath)).status).toBe(200);
  });

  it("hang: never answers, and close() still ends the request promptly", async () => {
    const local = await startSimulator({ state: await buildState({ zones: [] }) });
    local.injectFault({ hang: true, times: Infinity });
    const pending = simGet(local.baseUrl, trustPath).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(local.requests.at(-1)).toMatchObject({ status: 0 });
    const started = Date.now();
    await local.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(Error);
  });

  it("hang: a client that gives up frees the request", async () => {
    sim.injectFault({ template: EP.trustStore, hang: true });
    await expect(simGet(sim.baseUrl, trustPath, { headersTimeout: 100 })).rejects.toMatchObject({ code: "UND_ERR_HEADERS_TIMEOUT" });
    expect((await simGet(sim.baseUrl, trustPath)).status).toBe(200);
  });

  it("mutate: rewrites the normal answer and is told about the request", async () => {
    const seen: unknown[] = [];
    sim.injectFault({
      template: EP.trustStore,
      mutate: (body, context) => {
        seen.push(context);
        return { ...(body as object), result: null };
      },
    });
    const response = await simGet(sim.baseUrl, `${trustPath}?page=1&per_page=50`);
    expect(response.json).toMatchObject({ success: true, result: null });
    expect(seen).toEqual([{ template: EP.trustStore, path: trustPath, zoneId: ZONE, query: { page: "1", per_page: "50" }, status: 200 }]);
    // The state is untouched: the next answer is the normal one.
    expect((await simGet(sim.baseUrl, trustPath)).json).toMatchObject({ result: [{ id: IDS.ca1 }, { id: IDS.ca2 }] });
  });

  it("ignorePage: every page is page 1", async () => {
    sim.injectFault({ template: EP.trustStore, ignorePage: true });
    const response = await simGet(sim.baseUrl, `${trustPath}?page=7&per_page=50`);
    expect(response.json).toMatchObject({ result: [{ id: IDS.ca1 }, { id: IDS.ca2 }], result_info: { page: 1 } });
    expect((await simGet(sim.baseUrl, `${trustPath}?page=7&per_page=50`)).json).toMatchObject({ result: [] });
  });
});
