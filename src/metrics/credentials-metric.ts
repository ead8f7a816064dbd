import { Gauge, type Registry } from "prom-client";
import type { Inventory } from "../inventory/inventory.js";

/** certwatch_credentials_valid: unlabelled, read at scrape time (one field, no walk). */
export function registerCredentialsMetric(registry: Registry, inventory: Inventory): void {
  // Unlabelled gauges always export a value; this one has none until a cycle could tell.
  new (class extends Gauge {
    override async get() {
      const metric = await super.get();
      return inventory.credentials.valid === null ? { ...metric, values: [] } : metric;
    }
  })({
    name: "certwatch_credentials_valid",
    help: "1 when a request of the last conclusive poll cycle authenticated, 0 when Cloudflare rejected the credentials for every zone; absent before either.",
    registers: [registry],
    collect() {
      this.set(inventory.credentials.valid ? 1 : 0);
    },
  });
}
