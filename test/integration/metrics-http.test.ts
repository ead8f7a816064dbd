// /metrics over HTTP: the kept exposition plus the registry's metrics, plain or gzipped as the
// scraper asks, with no family twice.
import { gunzipSync } from "node:zlib";
import { Gauge, Registry } from "prom-client";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Inventory } from "../../src/inventory/inventory.js";
import type { RunningHttpServer } from "../../src/server/http-server.js";
import { startMetricsServer } from "../helpers/metrics-server.js";
import { acceptsGzip } from "../../src/server/metrics-body.js";
import { parseExposition, select } from "../helpers/exposition.js";
import { NOW, record } from "../helpers/records.js";

let server: RunningHttpServer;
const inventory = new Inventory();

beforeAll(async () => {
  const zone = { id: "c".repeat(32), name: "c.test", hostnames: [] };
  inventory.recordSuccess(zone, "aop_hostname_cert", Array.from({ length: 2_000 }, (_, n) => record({ zoneId: zone.id, zoneName: zone.name, certId: `cert-${n}` })), NOW);
  const registry = new Registry();
  new Gauge({ name: "certwatch_build_info", help: "Always 1.", labelNames: ["version"], registers: [registry] }).set({ version: "test" }, 1);
  server = await startMetricsServer(registry, inventory, NOW);
});
afterAll(async () => server?.close());

async function scrape(headers: Record<string, string> = {}, method: "GET" | "HEAD" = "GET") {
  const response = await request(`${server.url}/metrics`, { method, headers });
  return { headers: response.headers, body: Buffer.from(await response.body.arrayBuffer()) };
}

describe("/metrics", () => {
  it("serves the inventory's families and the registry's, each family once", async () => {
    const { headers, body } = await scrape();
    expect(headers["content-encoding"]).toBeUndefined();
    expect(headers.vary).toBe("Accept, Accept-Encoding");
    const text = body.toString();
    const samples = parseExposition(text);
    expect(select(samples, "certwatch_cert_info")).toHaveLength(2_000);
    expect(select(samples, "certwatch_build_info")).toHaveLength(1);
    const types = text.split("\n").filter((l) => l.startsWith("# TYPE "));
    expect(new Set(types).size).toBe(types.length);
  });

  it("gzips when asked, to exactly the plain body", async () => {
    const plain = await scrape();
    const gzipped = await scrape({ "accept-encoding": "deflate, gzip;q=0.8" });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.headers.vary).toBe("Accept, Accept-Encoding");
    expect(Number(gzipped.headers["content-length"])).toBe(gzipped.body.length);
    expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
    expect(gzipped.body.length).toBeLessThan(plain.body.length / 5);
  });

  it("follows an inventory change, gzipped too", async () => {
    inventory.retain(() => false);
    const gzipped = await scrape({ "accept-encoding": "gzip" });
    expect(select(parseExposition(gunzipSync(gzipped.body).toString()), "certwatch_cert_info")).toEqual([]);
  });

  it("answers HEAD with the length a GET would send", async () => {
    const get = await scrape({ "accept-encoding": "gzip" });
    const head = await scrape({ "accept-encoding": "gzip" }, "HEAD");
    expect(head.body.length).toBe(0);
    expect(Number(head.headers["content-length"])).toBe(get.body.length);
  });
});

describe("acceptsGzip", () => {
  it.each([
    ["gzip", true],
    ["deflate, gzip", true],
    ["GZIP;q=0.5", true],
    ["x-gzip", true],
    ["gzip;q=0", false],
    ["identity", false],
    ["", false],
    [undefined, false],
  ])("%s → %s", (header, expected) => expect(acceptsGzip(header)).toBe(expected));
});
