// Broken or hostile API answers end to end, daemon against the simulator: a source that never
// finishes, credentials refused everywhere, unusable items, and discovery of zones that are
// not active.
import { afterEach, describe, expect, it } from "vitest";
import type { Scenario } from "../../dev/simulator/scenario.js";
import { findZone } from "../../dev/simulator/state.js";
import { type TrustStoreItem } from "../../src/stores/trust-store/store.sim.js";
import { select, valueOf } from "../helpers/exposition.js";
import { startHarness, type Harness } from "../helpers/harness.js";

const ZONE_A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const ZONE_B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const ZONE_C = "cccccccccccccccccccccccccccccccc";
const TRUST_STORE = "/zones/:zone_id/acm/custom_trust_store";

const twoZones: Scenario = {
  zones: [
    { id: ZONE_A, name: "a.test", trustStore: [{ id: "ca-a", cn: "A Root", daysLeft: 900 }], hostnameCertificates: [{ id: "cert-a1", cn: "one.a.test", daysLeft: 40 }] },
    { id: ZONE_B, name: "b.test", trustStore: [{ id: "ca-b", cn: "B Root", daysLeft: 900 }], hostnameCertificates: [{ id: "cert-b1", cn: "one.b.test", daysLeft: 60 }] },
  ],
};
const zones = [
  { id: ZONE_A, name: "a.test", hostnames: [] },
  { id: ZONE_B, name: "b.test", hostnames: [] },
];

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const errorLines = (harness: Harness) => harness.logs.entries().filter((e) => e.level === 50);

describe("cloudflare.source_timeout_seconds", () => {
  it("gives up on a source that does not finish in time, without holding up the others", async () => {
    h = await startHarness(twoZones, zones, {
      cloudflare: { source_timeout_seconds: 0.5 },
      beforeStart: (sim) => sim.injectFault({ template: TRUST_STORE, zoneId: ZONE_A, delayMs: 4_000 }),
    });
    const started = Date.now();
    await h.daemon.firstCycle;
    expect(Date.now() - started).toBeLessThan(3_000);
    const samples = await h.metrics();
    expect(valueOf(samples, "certwatch_source_up", { zone_id: ZONE_A, source: "trust_store" })).toBe(0);
    expect(valueOf(samples, "certwatch_source_errors_total", { zone_id: ZONE_A, source: "trust_store", reason: "timeout" })).toBe(1);
    expect(valueOf(samples, "certwatch_source_up", { zone_id: ZONE_B, source: "trust_store" })).toBe(1);
    expect(valueOf(samples, "certwatch_source_up", { zone_id: ZONE_A, source: "aop_hostname_cert" })).toBe(1);
    const failure = errorLines(h).find((e) => e.source === "trust_store");
    expect(failure).toMatchObject({ zone_id: ZONE_A, reason: "timeout" });
    expect(String(failure?.error)).toMatch(/source_timeout_seconds/);
  });

  it("starts a poll's clock when the poll starts, not while it waits behind others", async () => {
    const ids = ["1", "2", "3", "4"].map((d) => d.repeat(32));
    const scenario: Scenario = { zones: ids.map((id, i) => ({ id, name: `z${i}.test`, trustStore: [{ id: `ca-${i}`, cn: `Root ${i}`, daysLeft: 900 }] })) };
    h = await startHarness(
      scenario,
      ids.map((id, i) => ({ id, name: `z${i}.test`, hostnames: [], sources: ["trust_store" as const] })),
      {
        cloudflare: { source_timeout_seconds: 0.8, concurrency: 1 },
        beforeStart: (sim) => sim.injectFault({ template: TRUST_STORE, delayMs: 300, times: Infinity }),
      },
    );
    const started = Date.now();
    await h.daemon.firstCycle;
    // Four polls of 300 ms one after another: 1.2 s in all, each well inside its 0.8 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_100);
    const up = select(await h.metrics(), "certwatch_source_up", { source: "trust_store" });
    expect(up.map((s) => s.value)).toEqual([1, 1, 1, 1]);
  });
});

describe("credentials refused everywhere", () => {
  it.each([
    ["403 with Cloudflare's authentication error", { cloudflare: { auth: { kind: "token" as const, token: "wrong-token-0000" } } }],
    ["401", { beforeStart: (sim: Harness["simulator"]) => sim.injectFault({ status: 401, times: Infinity }) }],
  ])("%s: one error line per cycle, certwatch_credentials_valid 0, a banner on the status page", async (_name, options) => {
    h = await startHarness(twoZones, zones, options);
    await h.daemon.firstCycle;
    await h.daemon.pollNow();
    const errors = errorLines(h);
    expect(errors.map((e) => e.msg)).toEqual([
      expect.stringMatching(/^Cloudflare rejected the API token for all 2 zones: HTTP 40[13]: 10000 Authentication error$/),
      expect.stringMatching(/^Cloudflare rejected the API token for all 2 zones/),
    ]);
    expect(errors[0]).toMatchObject({ zones: 2 });
    // Nor a warning per refused request: the summary line says it all.
    const warnings = h.logs.entries().filter((e) => e["level"] === 40 && String(e["msg"]).startsWith("Cloudflare request failed"));
    expect(warnings).toEqual([]);
    const samples = await h.metrics();
    expect(valueOf(samples, "certwatch_credentials_valid")).toBe(0);
    const page = await h.get("/");
    expect(page.body).toContain('id="credentials-rejected"');
    expect(page.body).toMatch(/Cloudflare rejected the API token for all 2 zones:<\/strong> HTTP 40[13]: 10000 Authentication error/);
  });

  it("is valid (1), with no banner, when the token works", async () => {
    h = await startHarness(twoZones, zones);
    await h.daemon.firstCycle;
    expect(valueOf(await h.metrics(), "certwatch_credentials_valid")).toBe(1);
    expect((await h.get("/")).body).not.toContain("credentials-rejected");
  });

  it("a zone the token cannot read, beside one it can, keeps its per-source errors and leaves the token valid", async () => {
    h = await startHarness(twoZones, zones, {
      beforeStart: (sim) => sim.injectFault({ zoneId: ZONE_B, status: 403, times: Infinity }),
    });
    await h.daemon.firstCycle;
    expect(valueOf(await h.metrics(), "certwatch_credentials_valid")).toBe(1);
    const errors = errorLines(h);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors.every((e) => e.zone_id === ZONE_B && e.reason === "forbidden")).toBe(true);
  });
});

describe("unusable items", () => {
  it("skips them, counts them per cycle, logs once per cycle, and drops the series with the slot", async () => {
    h = await startHarness(twoZones, zones, {
      beforeStart: (sim) => {
        const store = findZone(sim.state, ZONE_A)!.trustStore;
        store.push({ ...store[0]!, id: "" }, "garbage" as unknown as TrustStoreItem);
      },
    });
    await h.daemon.firstCycle;
    await h.daemon.pollNow();
    const samples = await h.metrics();
    expect(valueOf(samples, "certwatch_source_up", { zone_id: ZONE_A, source: "trust_store" })).toBe(1);
    expect(select(samples, "certwatch_cert_expiry_timestamp_seconds", { zone_id: ZONE_A, source: "trust_store" }).map((s) => s.labels.cert_id)).toEqual(["ca-a"]);
    expect(valueOf(samples, "certwatch_items_invalid_total", { zone_id: ZONE_A, zone: "a.test", source: "trust_store", reason: "missing_id" })).toBe(2);
    expect(valueOf(samples, "certwatch_items_invalid_total", { zone_id: ZONE_A, source: "trust_store", reason: "not_an_object" })).toBe(2);
    const warnings = h.logs.entries().filter((e) => typeof e.msg === "string" && e.msg.startsWith("skipped 2 unusable items"));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatchObject({ zone_id: ZONE_A, source: "trust_store", invalid_items: 2, by_reason: { missing_id: 1, not_an_object: 1 } });

    h.daemon.inventory.retain((zoneId) => zoneId !== ZONE_A);
    expect(select(await h.metrics(), "certwatch_items_invalid_total")).toEqual([]);
  });

  it("keeps two certificates listed under one id as two records", async () => {
    h = await startHarness(twoZones, [zones[0]!], {
      beforeStart: (sim) => {
        const zone = findZone(sim.state, ZONE_A)!;
        zone.trustStore.push({ ...findZone(sim.state, ZONE_B)!.trustStore[0]!, id: "ca-a" });
      },
    });
    await h.daemon.firstCycle;
    const ids = select(await h.metrics(), "certwatch_cert_not_after_timestamp_seconds", { source: "trust_store" }).map((s) => s.labels.cert_id);
    expect(ids).toHaveLength(2);
    expect(ids.every((id) => /^ca-a#[0-9a-f]{8}$/.test(id!))).toBe(true);
    expect(h.logs.entries().some((e) => e.msg === "the answer lists the same id more than once; each copy is kept as <id>#<fingerprint>")).toBe(true);
  });
});

describe("discover.statuses", () => {
  const listed: Scenario = {
    zones: [
      { id: ZONE_A, name: "a.test", status: "active", trustStore: [{ id: "ca-a", cn: "A Root", daysLeft: 900 }] },
      { id: ZONE_B, name: "b.test", status: "pending", trustStore: [{ id: "ca-b", cn: "B Root", daysLeft: 900 }] },
      { id: ZONE_C, name: "c.test", status: "moved", trustStore: [{ id: "ca-c", cn: "C Root", daysLeft: 900 }] },
    ],
  };

  it("watches only active zones by default and says which it skipped once per change", async () => {
    h = await startHarness(listed, [], { discover: { enabled: true } });
    await h.daemon.firstCycle;
    await h.daemon.pollNow();
    const polled = () => new Set(h!.simulator.requests.filter((r) => r.template === TRUST_STORE).map((r) => r.zoneId));
    expect(polled()).toEqual(new Set([ZONE_A]));
    const skippedLogs = () => h!.logs.entries().filter((e) => typeof e.msg === "string" && e.msg.startsWith("zone discovery skips"));
    expect(skippedLogs()).toHaveLength(1);
    expect(skippedLogs()[0]).toMatchObject({ statuses: ["active"], skipped: [{ id: ZONE_B, status: "pending" }, { id: ZONE_C, status: "moved" }] });

    findZone(h.simulator.state, ZONE_B)!.status = "active";
    await h.daemon.pollNow();
    expect(polled()).toEqual(new Set([ZONE_A, ZONE_B]));
    expect(skippedLogs()).toHaveLength(2);
    expect(skippedLogs()[1]).toMatchObject({ skipped: [{ id: ZONE_C, status: "moved" }] });
  });

  it("watches the statuses the config lists", async () => {
    h = await startHarness(listed, [], { discover: { enabled: true, statuses: ["active", "pending"] } });
    await h.daemon.firstCycle;
    expect(new Set(h.simulator.requests.filter((r) => r.template === TRUST_STORE).map((r) => r.zoneId))).toEqual(new Set([ZONE_A, ZONE_B]));
  });
});
