import { Gauge, type Registry } from "prom-client";
import type { TokenChecks } from "../alerts/token-rules.js";
import { TOKEN_STATUSES } from "../credentials/token-verify.js";

/**
 * certwatch_api_token_expiry_timestamp_seconds{credential} and certwatch_api_token_status{credential,status}:
 * read at scrape time from the last checks (one entry per credential, no walk). Rebuilt on every
 * collect, so a credential that left the config leaves no series behind; a token never verified
 * (a global API key, or a check that never got an answer) has none.
 */
export function registerTokenMetrics(registry: Registry, checks: () => TokenChecks): void {
  new Gauge({
    name: "certwatch_api_token_expiry_timestamp_seconds",
    help: "When certwatch's own API token expires (GET /user/tokens/verify or /accounts/{id}/tokens/verify), per credential; absent for a token without an expiry.",
    labelNames: ["credential"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [credential, check] of Object.entries(checks())) if (check.expiresAt !== null) this.set({ credential }, check.expiresAt / 1000);
    },
  });
  new Gauge({
    name: "certwatch_api_token_status",
    help: "1 for the status Cloudflare last gave certwatch's own API token (active, disabled, expired), 0 for the others, per credential.",
    labelNames: ["credential", "status"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [credential, check] of Object.entries(checks())) {
        if (check.status === null) continue;
        for (const status of new Set<string>([...TOKEN_STATUSES, check.status])) this.set({ credential, status }, status === check.status ? 1 : 0);
      }
    },
  });
}
