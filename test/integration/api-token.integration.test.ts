import { afterEach, describe, expect, it } from "vitest";
import type { Scenario } from "../../dev/simulator/scenario.js";
import { DEFAULT_ZONE_ACCOUNT } from "../../dev/simulator/state.js";
import { select, valueOf } from "../helpers/exposition.js";
import { startHarness, TEST_TOKEN, type Harness } from "../helpers/harness.js";

const ZONE = "a7".repeat(16);
const DAY = 86_400_000;
const zones = [{ id: ZONE, name: "tok.test", hostnames: [] }];
const scenario = (token: NonNullable<Scenario["tokens"]>[string]): Scenario => ({
  zones: [{ id: ZONE, name: "tok.test", hostnameCertificates: [{ id: "fine", cn: "fine.tok.test", daysLeft: 300 }] }],
  tokens: { [TEST_TOKEN]: token },
});

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const firing = (harness: Harness) => harness.daemon.alerts.firing().filter((a) => a.labels.source === "api_token");

describe("certwatch's own API token", () => {
  it("exports a user token's expiry and status, and warns inside warning_days", async () => {
    const expiresOn = new Date(Date.now() + 20 * DAY).toISOString();
    h = await startHarness(scenario({ id: "t0ken1", expiresOn }), zones);
    await h.daemon.firstCycle;
    const samples = await h.metrics();
    expect(valueOf(samples, "certwatch_api_token_expiry_timestamp_seconds", { credential: "default" })).toBe(Date.parse(expiresOn) / 1000);
    expect(valueOf(samples, "certwatch_api_token_status", { credential: "default", status: "active" })).toBe(1);
    expect(valueOf(samples, "certwatch_api_token_status", { credential: "default", status: "disabled" })).toBe(0);
    expect(firing(h).map((a) => [a.labels.alertname, a.labels.severity, a.labels.cert_id])).toEqual([["ApiTokenExpiringSoon", "warning", "default"]]);
    expect(h.simulator.requestCount("/user/tokens/verify")).toBe(1);
  });

  it("verifies at most once an hour, not at every sweep", async () => {
    h = await startHarness(scenario({}), zones);
    await h.daemon.firstCycle;
    await h.daemon.pollNow();
    await h.daemon.pollNow();
    expect(h.simulator.requestCount("/user/tokens/verify")).toBe(1);
    expect(select(await h.metrics(), "certwatch_api_token_expiry_timestamp_seconds")).toEqual([]);
    expect(firing(h)).toEqual([]);
  });

  it("pages at once when the token is disabled", async () => {
    h = await startHarness(scenario({ status: "disabled" }), zones);
    await h.daemon.firstCycle;
    expect(firing(h).map((a) => [a.labels.alertname, a.labels.severity])).toEqual([["ApiTokenNotActive", "critical"]]);
    expect(valueOf(await h.metrics(), "certwatch_api_token_status", { credential: "default", status: "disabled" })).toBe(1);
  });

  it("asks the account endpoint for an account-owned token, learning the account from the zones it sees", async () => {
    const expiresOn = new Date(Date.now() + 3 * DAY).toISOString();
    h = await startHarness(scenario({ owner: "account", expiresOn }), zones);
    await h.daemon.firstCycle;
    expect(h.simulator.requestCount("/user/tokens/verify")).toBe(1);
    const account = h.simulator.requests.filter((r) => r.template === "/accounts/:account_id/tokens/verify");
    expect(account.map((r) => [r.path, r.status])).toEqual([[`/accounts/${DEFAULT_ZONE_ACCOUNT.id}/tokens/verify`, 200]]);
    expect(firing(h).map((a) => [a.labels.alertname, a.labels.severity])).toEqual([["ApiTokenExpiringSoon", "critical"]]);
  });

  it("keeps the last answer through a failed check, and says why in the log", async () => {
    h = await startHarness(scenario({ status: "expired" }), zones, {
      beforeStart: (simulator) => simulator.injectFault({ template: "/user/tokens/verify", status: 503, times: Infinity }),
    });
    await h.daemon.firstCycle;
    const said = h.logs.entries().filter((e) => e.msg === "could not verify the API token (tokens/verify); the last answer stands, and the next sweep tries again");
    expect(said.map((e) => e.credential)).toEqual(["default"]);
    // Never answered: no series, no alert, the polls go on.
    expect(select(await h.metrics(), "certwatch_api_token_status")).toEqual([]);
    expect(firing(h)).toEqual([]);
    h.simulator.clearFaults();
    await h.daemon.pollNow();
    expect(firing(h).map((a) => a.labels.alertname)).toEqual(["ApiTokenNotActive"]);
  });
});
