import { afterEach, describe, expect, it } from "vitest";
import type { CredentialConfig } from "../../src/config/schema.js";
import type { Scenario } from "../../dev/simulator/scenario.js";
import { valueOf } from "../helpers/exposition.js";
import { startHarness, type Harness } from "../helpers/harness.js";

const MAIN_ZONE = "a3".repeat(16);
const MAIN_FOUND = "a4".repeat(16);
const SECOND_ZONE = "b3".repeat(16);
const SECOND_FOUND = "b4".repeat(16);
const MAIN_TOKEN = "main-token-4f1e2d3c";
const SECOND_TOKEN = "second-token-9a8b7c6d";

const expiring = (id: string, name: string) => ({ id, name, hostnameCertificates: [{ id: `${name}-soon`, cn: `soon.${name}`, daysLeft: 5 }] });
const scenario: Scenario = {
  zones: [expiring(MAIN_ZONE, "main.test"), expiring(MAIN_FOUND, "main-found.test"), expiring(SECOND_ZONE, "second.test"), expiring(SECOND_FOUND, "second-found.test")],
};
const scopedTokens = [
  { token: MAIN_TOKEN, zoneIds: [MAIN_ZONE, MAIN_FOUND] },
  { token: SECOND_TOKEN, zoneIds: [SECOND_ZONE, SECOND_FOUND] },
];
const credentials = (second = SECOND_TOKEN): CredentialConfig[] => [
  { name: "main", auth: { kind: "token", token: MAIN_TOKEN }, max_requests_per_5m: 1200 },
  { name: "second", auth: { kind: "token", token: second }, max_requests_per_5m: 600 },
];
const zones = [
  { id: MAIN_ZONE, name: "main.test", hostnames: [] },
  { id: SECOND_ZONE, name: "second.test", hostnames: [], credential: "second" },
];

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("several credentials", () => {
  it("reads each zone with its own credential, and discovers each credential's own zones", async () => {
    h = await startHarness(scenario, zones, {
      simulator: { apiToken: "nobody-has-this-token", scopedTokens },
      cloudflare: { auth: credentials()[0]!.auth, credentials: credentials() },
      discover: { enabled: true },
    });
    await h.daemon.firstCycle;
    const tokensFor = (zoneId: string) => [...new Set(h!.simulator.requests.filter((r) => r.zoneId === zoneId).map((r) => r.token))];
    expect(tokensFor(MAIN_ZONE)).toEqual([MAIN_TOKEN]);
    expect(tokensFor(MAIN_FOUND)).toEqual([MAIN_TOKEN]);
    expect(tokensFor(SECOND_ZONE)).toEqual([SECOND_TOKEN]);
    expect(tokensFor(SECOND_FOUND)).toEqual([SECOND_TOKEN]);
    expect(h.simulator.requests.filter((r) => r.template === "/zones").map((r) => r.token).sort()).toEqual([MAIN_TOKEN, SECOND_TOKEN].sort());
    expect(h.simulator.requests.every((r) => r.status === 200)).toBe(true);
    expect(h.daemon.alerts.firing().map((a) => a.labels.zone).sort()).toEqual(["main-found.test", "main.test", "second-found.test", "second.test"]);
    const samples = await h.metrics();
    expect(valueOf(samples, "certwatch_discovered_zones")).toBe(2);
    expect(valueOf(samples, "certwatch_zone_discovery_up")).toBe(1);
    expect(valueOf(samples, "certwatch_credentials_valid")).toBe(1);
  });

  it("names the credential Cloudflare refuses, and keeps reading with the other", async () => {
    h = await startHarness(scenario, zones, {
      simulator: { apiToken: "nobody-has-this-token", scopedTokens },
      cloudflare: { auth: credentials()[0]!.auth, credentials: credentials("revoked-token-000000") },
    });
    await h.daemon.firstCycle;
    const refused = h.logs.entries().filter((e) => typeof e.msg === "string" && e.msg.startsWith("Cloudflare rejected"));
    expect(refused.map((e) => [e.credential, e.msg])).toEqual([["second", expect.stringContaining('the credentials "second" for the 1 zone')]]);
    expect(h.daemon.alerts.firing().map((a) => a.labels.zone)).toEqual(["main.test"]);
    expect(valueOf(await h.metrics(), "certwatch_credentials_valid")).toBe(0);
  });
});
