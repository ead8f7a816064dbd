// Polls one store's source against the simulator serving one zone: the real client and real
// HTTP, for the tests beside each store (src/stores/*/store.test.ts).
import { pino } from "pino";
import { CloudflareClient } from "../../src/cloudflare/client.js";
import type { ZoneStoreModule } from "../../src/stores/store.js";
import type { SourcePoll } from "../../src/stores/source.js";
import { buildState, type ZoneSpec } from "../../dev/simulator/scenario.js";
import { startSimulator, type LoggedRequest } from "../../dev/simulator/server.js";

const TOKEN = "store-test-token";

export interface StorePollResult {
  poll: SourcePoll;
  requests: LoggedRequest[];
}

/** One poll of `store` for a zone built from `spec`; `hostnames` are the zone's configured AOP hostnames. */
export async function pollStore(store: ZoneStoreModule, spec: Omit<ZoneSpec, "name" | "id">, hostnames: string[] = []): Promise<StorePollResult> {
  const zone = { id: "0123456789abcdef0123456789abcdef", name: "store.test" };
  const simulator = await startSimulator({ state: await buildState({ zones: [{ ...spec, ...zone }] }), apiToken: TOKEN });
  const client = new CloudflareClient({
    baseUrl: simulator.baseUrl,
    auth: { kind: "token", token: TOKEN },
    timeoutMs: 5_000,
    maxRetries: 0,
    retryAfterCapMs: 1_000,
    concurrency: 4,
    maxRequestsPer5m: 1_200,
    userAgent: "certwatch-test",
    logger: pino({ level: "silent" }),
  });
  try {
    const poll = await store.poll({ zone: { ...zone, hostnames }, client, signal: AbortSignal.timeout(10_000) });
    return { poll, requests: simulator.requests };
  } finally {
    await client.close();
    await simulator.close();
  }
}
