import type { Logger } from "pino";
import type { ApiReader } from "../cloudflare/client.js";
import type { CredentialClients } from "../cloudflare/client-from-config.js";
import type { Config } from "../config/schema.js";
import type { TokenChecks } from "../alerts/token-rules.js";
import { verifyToken, type TokenCheck } from "../credentials/token-verify.js";

/** Cloudflare's tokens/verify is cheap but not free against the budget: once an hour is enough to see weeks ahead. */
export const TOKEN_CHECK_INTERVAL_MS = 3_600_000;

interface TokenCredential {
  name: string;
  /** Only API tokens can be verified; a global API key has no expiry to read. */
  isToken: boolean;
  reader: ApiReader;
  /** Accounts this credential reaches, for an account-owned token's verify endpoint. */
  accountIds: readonly string[];
}

/**
 * Every configured credential that has a client, as the token check sees it. The accounts an
 * account-owned token may belong to: the ones configured for that credential, then discovery's.
 */
function tokenCredentials(config: Config, clients: CredentialClients): TokenCredential[] {
  const first = config.cloudflare.credentials[0]?.name;
  const discovered = config.discover.account_id ? [config.discover.account_id] : [];
  return config.cloudflare.credentials.flatMap(({ name, auth }) => {
    const reader = clients.get(name);
    const own = config.accounts.filter((account) => (account.credential ?? first) === name).map((account) => account.id);
    const accountIds = [...new Set([...own, ...discovered])];
    return reader ? [{ name, isToken: auth.kind === "token", reader, accountIds }] : [];
  });
}

/**
 * The last verification of each credential's token, refreshed at most once an hour. A failed
 * check is retried at the next sweep rather than in an hour: the answer matters more than the
 * one request.
 */
export class TokenWatch {
  private readonly checks = new Map<string, { check: TokenCheck; checkedAt: number }>();
  /** Credentials whose check is failing, said once when it starts and once when it ends. */
  private readonly failing = new Set<string>();

  constructor(
    private readonly logger?: Logger,
    private readonly intervalMs = TOKEN_CHECK_INTERVAL_MS,
  ) {}

  /** Verifies each token credential of `config` whose last good check is an hour old (or missing). */
  async refresh(config: Config, clients: CredentialClients, now: number, signal?: AbortSignal): Promise<void> {
    const credentials = tokenCredentials(config, clients);
    const names = new Set(credentials.map((c) => c.name));
    for (const name of this.checks.keys()) if (!names.has(name)) this.checks.delete(name);
    for (const credential of credentials) {
      if (!credential.isToken) {
        // A credential reloaded from a token to a global key has nothing left to report.
        this.checks.delete(credential.name);
        continue;
      }
      const last = this.checks.get(credential.name);
      if (last && last.check.error === null && now - last.checkedAt < this.intervalMs) continue;
      const check = await verifyToken(credential.reader, credential.accountIds, signal);
      if (signal?.aborted) return;
      this.report(credential.name, check);
      // A check that could not tell keeps what the last good one said: a 5xx says nothing of the token.
      if (check.status === null && last && last.check.status !== null) this.checks.set(credential.name, { check: { ...last.check, error: check.error }, checkedAt: last.checkedAt });
      else this.checks.set(credential.name, { check, checkedAt: now });
    }
  }

  private report(credential: string, check: TokenCheck): void {
    if (check.error !== null && !this.failing.has(credential)) {
      this.failing.add(credential);
      this.logger?.warn({ credential, error: check.error }, "could not verify the API token (tokens/verify); the last answer stands, and the next sweep tries again");
    } else if (check.error === null && this.failing.delete(credential)) {
      this.logger?.info({ credential, status: check.status }, "the API token can be verified again");
    }
  }

  current(): TokenChecks {
    return Object.fromEntries([...this.checks].map(([name, { check }]) => [name, check]));
  }
}
