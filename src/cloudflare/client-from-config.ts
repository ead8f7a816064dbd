import type { Logger } from "pino";
import type { Clock } from "../clock/clock.js";
import type { Config, CredentialConfig } from "../config/schema.js";
import { VERSION } from "../version.js";
import { CloudflareClient } from "./client.js";

export interface ClientOptions {
  logger: Logger;
  clock: Clock;
  onRequest?: (endpoint: string, code: string) => void;
  backoff?: { baseMs: number; maxMs: number };
}

/** One client per credential, by name: each has its own request budget, as Cloudflare limits each user. */
export type CredentialClients = Map<string, CloudflareClient>;

/** Every credential's client: one place, for the daemon and `certwatch check`. */
export function cloudflareClientsFor(config: Config, options: ClientOptions): CredentialClients {
  return new Map(config.cloudflare.credentials.map((credential) => [credential.name, clientForCredential(config, credential, options)]));
}

export async function closeClients(clients: CredentialClients): Promise<void> {
  await Promise.all([...clients.values()].map((client) => client.close()));
}

function clientForCredential(config: Config, credential: CredentialConfig, options: ClientOptions): CloudflareClient {
  const several = config.cloudflare.credentials.length > 1;
  return new CloudflareClient({
    baseUrl: config.cloudflare.base_url,
    auth: credential.auth,
    timeoutMs: config.cloudflare.timeout_seconds * 1000,
    maxRetries: config.cloudflare.max_retries,
    retryAfterCapMs: config.cloudflare.retry_after_cap_seconds * 1000,
    concurrency: config.cloudflare.concurrency,
    maxRequestsPer5m: credential.max_requests_per_5m,
    userAgent: `certwatch/${VERSION}`,
    logger: options.logger.child(several ? { component: "cloudflare", credential: credential.name } : { component: "cloudflare" }),
    clock: options.clock,
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    ...(options.backoff ? { backoff: options.backoff } : {}),
  });
}
