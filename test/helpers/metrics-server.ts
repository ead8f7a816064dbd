import type { Registry } from "prom-client";
import type { Inventory } from "../../src/inventory/inventory.js";
import { createLogger } from "../../src/log/logger.js";
import { InventorySnapshot } from "../../src/metrics/snapshot/inventory-snapshot.js";
import { startHttpServer, type RunningHttpServer } from "../../src/server/http-server.js";
import { FakeClock } from "./fake-clock.js";
import { LogCapture } from "./harness.js";

/** The HTTP server serving `inventory` through its snapshot plus `registry`, and nothing else: /metrics tests. */
export function startMetricsServer(registry: Registry, inventory: Inventory, now: number): Promise<RunningHttpServer> {
  const snapshot = new InventorySnapshot({ inventory, clock: new FakeClock(now), summarizedZones: () => new Set() });
  return startHttpServer({
    host: "127.0.0.1",
    port: 0,
    registry,
    exposition: snapshot,
    isReady: () => true,
    statusPage: () => {
      throw new Error("not used here");
    },
    now: () => now,
    reload: async () => ({ ok: false, problems: [] }),
    logger: createLogger({ level: "silent", format: "json", secrets: [], destination: new LogCapture() }),
  });
}
