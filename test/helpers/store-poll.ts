// Polls one store's source against the simulator serving one zone: the real client and real
// HTTP, for the tests beside each store (src/stores/*/store.test.ts).
import { pino } from "pino";
import { CloudflareClient } from "../../src/cloudflare/client.js";
import type { AccountStoreModule, ZoneStoreModule } from "../../src/stores/store.js";
import type { SourcePoll } from "../../src/stores/source.js";
import { buildState, type AccountSpec, type Scenario, type ZoneSpec } from "../../dev/simulator/scenario.js";
import { startSimulator, type LoggedRequest, type Simulator } from "../../dev/simulator/server.js";

const TOKEN = "store-test-token";

export interface StorePollResult {
  poll: SourcePoll;
  requests: LoggedRequest[];
}

/** One poll of `store` for a zone built from `spec`; `hostnames` are the zone's configured AOP hostnames. */
export async function pollStore(store: ZoneStoreModule, spec: Omit<ZoneSpec, "name" | "id">, hostnames: string[] = []): Promise<StorePollResult> {
  const zone = { id: "0123456789abcdef0123456789abcdef", name: "store.test" };
  return withStoreSimulator({ zones: [{ ...spec, ...zone }] }, undefined, (client) =>
    store.poll({ zone: { ...zone, hostnames }, client, signal: AbortSignal.timeout(10_000) }),
  );
}

/** The account pollAccountStore reads; its zone-less spec is what the test gives. */
export const STORE_TEST_ACCOUNT = { id: "fedcba9876543210fedcba9876543210", name: "Store Test Account" } as const;

/**
 * One poll of an account store's `pollAccount` for an account built from `spec`. `setup` runs
 * on the started simulator first (inject a fault, mutate the state).
 */
export async function pollAccountStore(
  store: AccountStoreModule,
  spec: Omit<AccountSpec, "name" | "id">,
  setup?: (simulator: Simulator) => void,
): Promise<StorePollResult> {
  return withStoreSimulator({ zones: [], accounts: [{ ...spec, ...STORE_TEST_ACCOUNT }] }, setup, (client) =>
    store.pollAccount({ account: { ...STORE_TEST_ACCOUNT }, client, signal: AbortSignal.timeout(10_000) }),
  );
}

async function withStoreSimulator(scenario: Scenario, setup: ((simulator: Simulator) => void) | undefined, poll: (client: CloudflareClient) => Promise<SourcePoll>): Promise<StorePollResult> {
  const simulator = await startSimulator({ state: await buildState(scenario), apiToken: TOKEN });
  setup?.(simulator);
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
    return { poll: await poll(client), requests: simulator.requests };
  } finally {
    await client.close();
    await simulator.close();
  }
}
