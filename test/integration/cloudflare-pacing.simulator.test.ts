import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { CloudflareClient } from "../../src/cloudflare/client.js";
import { buildState } from "../../dev/simulator/scenario.js";
import { startSimulator, type Simulator } from "../../dev/simulator/server.js";
import { ScaledClock } from "../helpers/scaled-clock.js";

const FIVE_MINUTES = 300_000;
const ZONE = "c5".repeat(16);
const TRUST_STORE = "/zones/:zone_id/acm/custom_trust_store";
const PACKS = "/zones/:zone_id/ssl/certificate_packs";

/** The most times that any window of `windowMs` holds. */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end += 1) {
    while (sorted[end]! - sorted[start]! >= windowMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

let sim: Simulator | undefined;
let client: CloudflareClient | undefined;
afterEach(async () => {
  await client?.close();
  await sim?.close();
  client = sim = undefined;
});

describe("the pacer against a server that answers late", () => {
  it("keeps every 5-minute window the server logs within the budget, at the full rate", async () => {
    // The client and the simulator share one clock, real time sped up 25 times: 5 minutes pass
    // in 12 s, and a 400 ms delay fault holds an answer (and a client slot) for 10 s of it. The
    // pacer's 5 s arrival margin is then 200 ms of real time: faster (100 times, 50 ms; 200
    // times, 25 ms) let a loaded machine's event loop deliver a request later than the margin
    // allows (CI saw 21 and 22 arrivals in one window at load 8).
    // (A FakeClock would not do: its waits jump ahead while a request is on the wire, so the
    // server would log arrivals seconds after the pacer let them go.)
    const clock = new ScaledClock(25);
    sim = await startSimulator({ state: await buildState({ zones: [{ id: ZONE, name: "late.test" }] }), apiToken: "t-0123456789", now: () => clock.now() });
    sim.injectFault({ template: TRUST_STORE, delayMs: 400, times: Infinity });
    const budget = 20;
    client = new CloudflareClient({
      baseUrl: sim.baseUrl,
      auth: { kind: "token", token: "t-0123456789" },
      timeoutMs: 5_000,
      maxRetries: 0,
      retryAfterCapMs: 1_000,
      concurrency: 4,
      maxRequestsPer5m: budget,
      userAgent: "certwatch-test",
      logger: pino({ level: "silent" }),
      clock,
    });
    const requests = 40;
    const started = clock.now();
    await Promise.all(Array.from({ length: requests }, (_, i) => client!.get(i % 2 ? TRUST_STORE : PACKS, { zone_id: ZONE }, { query: { status: "all" } })));
    const arrivals = sim.requests.map((r) => r.at);
    expect(arrivals).toHaveLength(requests);
    expect(sim.requests.every((r) => r.status === 200)).toBe(true);
    expect(sim.requests.filter((r) => r.template === TRUST_STORE)).toHaveLength(requests / 2);
    expect(maxInWindow(arrivals, FIVE_MINUTES)).toBeLessThanOrEqual(budget);
    expect(maxInWindow(arrivals, FIVE_MINUTES)).toBeGreaterThanOrEqual(budget - 1);
    // A burst of 2 at once, then the full rate: 38 requests at 20 per 5 min.
    const elapsed = Math.max(...arrivals) - started;
    expect(elapsed).toBeLessThanOrEqual(((requests - 2) / budget) * FIVE_MINUTES * 1.02);
  });
});
