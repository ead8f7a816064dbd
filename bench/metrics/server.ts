// The benchmark's server process: an inventory of the requested size behind the real /metrics
// endpoint, answering the parent's questions (CPU, RSS) over IPC so the client's own work is
// never counted.
import { Inventory } from "../../src/inventory/inventory.js";
import { createLogger } from "../../src/log/logger.js";
import { createMetricsRegistry } from "../../src/metrics/registry.js";
import { startHttpServer } from "../../src/server/http-server.js";
import { systemClock } from "../../src/clock/clock.js";
import { fillInventory, mintPool } from "./inventory-fill.js";

export type ServerRequest = { kind: "usage" } | { kind: "refill" } | { kind: "touch-zone" } | { kind: "stop" };
export interface Usage {
  cpuMs: number;
  rssBytes: number;
  /** V8's heap and the memory of Buffers, which RSS includes. */
  heapUsedBytes: number;
  heapTotalBytes: number;
  arrayBuffersBytes: number;
}

export async function runServer(zones: number, records: number): Promise<void> {
  // The process before any certificate exists: Node, tsx and the modules loaded.
  const baselineRss = process.memoryUsage.rss();
  const now = Date.now();
  const inventory = new Inventory();
  const pool = await mintPool(now);
  fillInventory(inventory, pool, zones, records, now);
  const { registry, snapshot } = createMetricsRegistry({
    inventory,
    clock: systemClock,
    version: "bench",
    sinks: () => [],
    alerts: () => null,
    summarizedZones: () => new Set(),
  });
  const server = await startHttpServer({
    host: "127.0.0.1",
    port: 0,
    registry,
    exposition: snapshot,
    isReady: () => true,
    statusPage: () => {
      throw new Error("not benchmarked here");
    },
    now: () => Date.now(),
    reload: async () => ({ ok: false, problems: ["not here"] }),
    logger: createLogger({ level: "silent", format: "json", secrets: [] }),
  });
  const usage = (): Usage => {
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    return { cpuMs: (cpu.user + cpu.system) / 1000, rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, heapTotalBytes: memory.heapTotal, arrayBuffersBytes: memory.arrayBuffers };
  };
  process.on("message", (request: ServerRequest) => {
    if (request.kind === "refill") fillInventory(inventory, pool, zones, records, Date.now());
    if (request.kind === "touch-zone") fillInventory(inventory, pool, 1, Math.ceil(records / zones), Date.now());
    if (request.kind === "stop") {
      void server.close().then(() => process.exit(0));
      return;
    }
    process.send!({ kind: "usage", ...usage() });
  });
  process.send!({ kind: "ready", url: server.url, baselineRss, ...usage() });
}
