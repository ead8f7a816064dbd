import { afterEach, describe, expect, it } from "vitest";
import type { Scenario } from "../../dev/simulator/scenario.js";
import { findZone } from "../../dev/simulator/state.js";
import { select, valueOf } from "../helpers/exposition.js";
import { startHarness, TEST_TOKEN, type Harness } from "../helpers/harness.js";

const ZONE_A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const ZONE_B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const TRUST_STORE = "/zones/:zone_id/acm/custom_trust_store";
const HOSTNAME_CERTS = "/zones/:zone_id/origin_tls_client_auth/hostnames/certificates";

const twoZones: Scenario = {
  zones: [
    {
      id: ZONE_A,
      name: "a.test",
      trustStore: [{ id: "ca-a", cn: "A Root", daysLeft: 900 }],
      hostnameCertificates: [
        { id: "cert-a1", cn: "one.a.test", daysLeft: 40 },
        { id: "cert-a2", cn: "two.a.test", daysLeft: 50 },
      ],
    },
    {
      id: ZONE_B,
      name: "b.test",
      trustStore: [{ id: "ca-b", cn: "B Root", daysLeft: 900 }],
      hostnameCertificates: [{ id: "cert-b1", cn: "one.b.test", daysLeft: 60 }],
    },
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

describe("pagination", () => {
  it("follows result_info across pages of 50 and stops at the last", async () => {
    const cas = Array.from({ length: 60 }, (_, i) => ({ id: `ca-${i}`, cn: `Root ${i}`, daysLeft: 100 + i }));
    h = await startHarness({ zones: [{ id: ZONE_A, name: "a.test", trustStore: cas }] }, [zones[0]!]);
    await h.daemon.firstCycle;
    const samples = await h.metrics();
    expect(select(samples, "certwatch_cert_not_after_timestamp_seconds", { source: "trust_store" })).toHaveLength(60);
    const pages = h.simulator.requests.filter((r) => r.template === TRUST_STORE);
    expect(pages.map((r) => [r.query.page, r.query.per_page])).toEqual([["1", "50"], ["2", "50"]]);
    expect(valueOf(samples, "certwatch_trust_store_valid_cas", { zone_id: ZONE_A })).toBe(60);
  });
});

describe("retries", () => {
  it("waits out a 429 with Retry-After, then succeeds", async () => {
    h = await startHarness(twoZones, zones, {
      beforeStart: (sim) => sim.injectFault({ template: TRUST_STORE, zoneId: ZONE_A, status: 429, retryAfter: 1 }),
    });
    await h.daemon.firstCycle;
    const samples = await h.metrics();
    expect(valueOf(samples, "certwatch_api_requests_total", { endpoint: TRUST_STORE, code: "429" })).toBe(1);
    expect(valueOf(samples, "certwatch_api_requests_total", { endpoint: TRUST_STORE, code: "200" })).toBe(2);
    expect(valueOf(samples, "certwatch_source_up", { zone_id: ZONE_A, source: "trust_store" })).toBe(1);
    const [limited, retried] = h.simulator.requests.filter((r) => r.template === TRUST_STORE && r.zoneId === ZONE_A);
    expect(limited?.status).toBe(429);
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(950);
    const warning = h.logs.entries().find((e) => e.status === 429);
    expect(warning).toMatchObject({ level: 40, reason: "rate_limited", cloudflare_errors: [{ code: 971 }], will_retry: true });
  });

  it("retries a 5xx, then succeeds", async () => {
    h = await startHarness(twoZones, zones, {
      beforeStart: (sim) => sim.injectFault({ template: HOSTNAME_CERTS, zoneId: ZONE_B, status: 502, times: 2 }),
    });
    await h.daemon.firstCycle;
    const samples = await h.metrics();
    expect(valueOf(samples, "certwatch_api_requests_total", { endpoint: HOSTNAME_CERTS, code: "502" })).toBe(2);
    expect(valueOf(samples, "certwatch_source_up", { zone_id: ZONE_B, source: "aop_hostname_cert" })).toBe(1);
    expect(select(samples, "certwatch_cert_not_after_timestamp_seconds", { cert_id: "cert-b1" })).toHaveLength(1);
    expect(valueOf(samples, "certwatch_poll_cycles_total", { outcome: "success" })).toBe(1);
  });

  it("times out a slow answer and counts it", async () => {
    h = await startHarness(twoZones, zones, {
      cloudflare: { timeout_seconds: 0.3, max_retries: 0 },
      beforeStart: (sim) => sim.injectFault({ template: TRUST_STORE, zoneId: ZONE_B, delayMs: 1500 }),
    });
    await h.daemon.firstCycle;
    const samples = await h.metrics();
    expect(valueOf(samples, "certwatch_source_errors_total", { zone_id: ZONE_B, source: "trust_store", reason: "timeout" })).toBe(1);
    expect(valueOf(samples, "certwatch_api_requests_total", { endpoint: TRUST_STORE, code: "timeout" })).toBe(1);
    expect(valueOf(samples, "certwatch_source_up", { zone_id: ZONE_A, source: "trust_store" })).toBe(1);
  });
});

describe("a failing source", () => {
  it("keeps the other zones and sources, and its own last known certificates", async () => {
    h = await startHarness(twoZones, zones);
    await h.daemon.firstCycle;
    h.simulator.injectFault({ template: HOSTNAME_CERTS, zoneId: ZONE_A, status: 500, times: Infinity });
    // Meanwhile the certificate is renewed: a failed poll must not make it look fixed, nor vanish.
    findZone(h.simulator.state, ZONE_A)!.hostnameCertificates.splice(0, 1);
    await h.daemon.pollNow();
    const samples = await h.metrics();
    expect(valueOf(samples, "certwatch_source_up", { zone_id: ZONE_A, source: "aop_hostname_cert" })).toBe(0);
    expect(valueOf(samples, "certwatch_source_errors_total", { zone_id: ZONE_A, source: "aop_hostname_cert", reason: "http_5xx" })).toBe(1);
    expect(select(samples, "certwatch_cert_not_after_timestamp_seconds", { zone_id: ZONE_A, source: "aop_hostname_cert" })).toHaveLength(2);
    expect(valueOf(samples, "certwatch_source_up", { zone_id: ZONE_A, source: "trust_store" })).toBe(1);
    expect(valueOf(samples, "certwatch_source_up", { zone_id: ZONE_B, source: "aop_hostname_cert" })).toBe(1);
    expect(valueOf(samples, "certwatch_poll_cycles_total", { outcome: "partial" })).toBe(1);
    // 1 try + 3 retries, and the error log names the reason.
    expect(h.simulator.requests.filter((r) => r.template === HOSTNAME_CERTS && r.zoneId === ZONE_A && r.status === 500)).toHaveLength(4);
    expect(h.logs.entries().some((e) => e.msg === "source poll failed; keeping its last known certificates" && e.reason === "http_5xx")).toBe(true);
  });

  it.each([
    ["malformed", "invalid_response"],
    ["success_false", "api_error"],
    ["wrong_shape", "invalid_response"],
  ] as const)("treats a %s answer as %s without retrying it", async (body, reason) => {
    h = await startHarness(twoZones, zones);
    await h.daemon.firstCycle;
    h.simulator.injectFault({ template: TRUST_STORE, zoneId: ZONE_A, body });
    const before = h.simulator.requestCount(TRUST_STORE, ZONE_A);
    await h.daemon.pollNow();
    const samples = await h.metrics();
    expect(h.simulator.requestCount(TRUST_STORE, ZONE_A) - before).toBe(1);
    expect(valueOf(samples, "certwatch_source_errors_total", { zone_id: ZONE_A, source: "trust_store", reason })).toBe(1);
    expect(valueOf(samples, "certwatch_source_up", { zone_id: ZONE_A, source: "trust_store" })).toBe(0);
    expect(select(samples, "certwatch_cert_not_after_timestamp_seconds", { cert_id: "ca-a" })).toHaveLength(1);
  });

  it("reports a rejected token as forbidden and keeps the token out of the log", async () => {
    h = await startHarness(twoZones, zones);
    await h.daemon.firstCycle;
    h.simulator.injectFault({ zoneId: ZONE_B, status: 403, times: Infinity });
    await h.daemon.pollNow();
    const samples = await h.metrics();
    expect(valueOf(samples, "certwatch_source_errors_total", { zone_id: ZONE_B, source: "trust_store", reason: "forbidden" })).toBe(1);
    expect(h.simulator.requestCount(TRUST_STORE, ZONE_B)).toBe(2);
    expect(h.logs.lines.some((l) => l.includes("10000"))).toBe(true);
    expect(h.logs.lines.filter((l) => l.includes(TEST_TOKEN))).toEqual([]);
  });
});

describe("a certificate that leaves the API", () => {
  it("leaves /metrics after the next cycle", async () => {
    h = await startHarness(twoZones, zones);
    await h.daemon.firstCycle;
    expect(select(await h.metrics(), "certwatch_cert_status", { cert_id: "cert-a2" })).toHaveLength(1);
    const certs = findZone(h.simulator.state, ZONE_A)!.hostnameCertificates;
    certs.splice(certs.findIndex((c) => c.id === "cert-a2"), 1);
    await h.daemon.pollNow();
    const samples = await h.metrics();
    for (const name of ["certwatch_cert_status", "certwatch_cert_not_after_timestamp_seconds", "certwatch_cert_expired", "certwatch_cert_api_expires_on_timestamp_seconds"]) {
      expect(select(samples, name, { cert_id: "cert-a2" })).toHaveLength(0);
    }
    expect(select(samples, "certwatch_cert_status", { cert_id: "cert-a1" })).toHaveLength(1);
  });
});

describe("readiness", () => {
  it("is 200 as soon as the daemon serves, while the first sweep is still running", async () => {
    h = await startHarness(twoZones, zones, {
      beforeStart: (sim) => sim.injectFault({ template: TRUST_STORE, zoneId: ZONE_A, delayMs: 800 }),
    });
    expect((await h.get("/readyz")).status).toBe(200);
    expect((await h.get("/healthz")).status).toBe(200);
    expect(h.daemon.inventory.lastCycleFinishedAt).toBeNull();
    await h.daemon.firstCycle;
    expect((await h.get("/readyz")).status).toBe(200);
  });
});
