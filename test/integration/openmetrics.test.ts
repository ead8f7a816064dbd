// OpenMetrics on /metrics: negotiated from Accept, the text format converted family by family,
// gzipped from the same cached segments, and valid by the spec's grammar.
import { gunzipSync } from "node:zlib";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Inventory } from "../../src/inventory/inventory.js";
import { toOpenMetrics } from "../../src/metrics/openmetrics.js";
import type { RunningHttpServer } from "../../src/server/http-server.js";
import { startMetricsServer } from "../helpers/metrics-server.js";
import { preferredFormat } from "../../src/server/negotiate-format.js";
import { parseExposition } from "../helpers/exposition.js";
import { openMetricsProblems } from "../helpers/openmetrics-validator.js";
import { NOW, record } from "../helpers/records.js";

/** What Prometheus 2.42 sends by default. */
const PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
const OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

describe("preferredFormat", () => {
  it.each([
    [PROMETHEUS_ACCEPT, "openmetrics"],
    ["application/openmetrics-text; version=1.0.0", "openmetrics"],
    ["application/openmetrics-text", "openmetrics"],
    ["text/plain;q=0.5, application/openmetrics-text;q=0.9", "openmetrics"],
    ["application/openmetrics-text;q=0.5, text/plain", "prometheus"],
    ["application/openmetrics-text;version=0.0.1", "prometheus"],
    ["application/openmetrics-text;q=0", "prometheus"],
    ["text/plain;version=0.0.4", "prometheus"],
    ["*/*", "prometheus"],
    ["", "prometheus"],
    [undefined, "prometheus"],
  ])("%s → %s", (accept, expected) => expect(preferredFormat(accept)).toBe(expected));
});

describe("toOpenMetrics", () => {
  it("names counter families without _total, keeps samples, escapes HELP quotes, drops blank lines", () => {
    const text = [
      "# HELP a_total Counts \"things\" with a \\\\ backslash.",
      "# TYPE a_total counter",
      'a_total{x="y"} 3',
      "",
      "# HELP b Untyped.",
      "# TYPE b untyped",
      "b 1",
      "# HELP odd A counter without the suffix.",
      "# TYPE odd counter",
      "odd 2",
      "",
    ].join("\n");
    expect(toOpenMetrics(text)).toBe(
      [
        '# HELP a Counts \\"things\\" with a \\\\ backslash.',
        "# TYPE a counter",
        'a_total{x="y"} 3',
        "# HELP b Untyped.",
        "# TYPE b unknown",
        "b 1",
        "# HELP odd A counter without the suffix.",
        "# TYPE odd unknown",
        "odd 2",
        "",
      ].join("\n"),
    );
  });
});

describe("/metrics in OpenMetrics", () => {
  let server: RunningHttpServer;
  const inventory = new Inventory();

  beforeAll(async () => {
    const zone = { id: "d".repeat(32), name: "d.test", hostnames: [] };
    inventory.recordSuccess(zone, "custom_certificate", Array.from({ length: 50 }, (_, n) => record({ zoneId: zone.id, zoneName: zone.name, certId: `cert-${n}` })), NOW);
    inventory.recordFailure(zone, "certificate_pack", { reason: "timeout", message: "took too long" }, NOW);
    const registry = new Registry();
    new Gauge({ name: "certwatch_build_info", help: "Always 1.", labelNames: ["version"], registers: [registry] }).set({ version: "test" }, 1);
    new Counter({ name: "certwatch_poll_cycles_total", help: "Cycles run.", registers: [registry] }).inc(2);
    new Histogram({ name: "certwatch_poll_cycle_duration_seconds", help: "How long.", buckets: [1, 10], registers: [registry] }).observe(3);
    new Gauge({ name: "certwatch_never_set", help: "A family with no samples.", registers: [registry] });
    server = await startMetricsServer(registry, inventory, NOW);
  });
  afterAll(async () => server?.close());

  async function scrape(headers: Record<string, string>) {
    const response = await request(`${server.url}/metrics`, { headers });
    return { headers: response.headers, body: Buffer.from(await response.body.arrayBuffer()) };
  }

  it("answers Prometheus' default Accept with a valid OpenMetrics body ending in # EOF", async () => {
    const { headers, body } = await scrape({ accept: PROMETHEUS_ACCEPT });
    expect(headers["content-type"]).toBe(OPENMETRICS);
    expect(headers.vary).toBe("Accept, Accept-Encoding");
    const text = body.toString();
    expect(openMetricsProblems(text)).toEqual([]);
    expect(text.endsWith("\n# EOF\n")).toBe(true);
    expect(text).toContain("# TYPE certwatch_poll_cycles counter\ncertwatch_poll_cycles_total 2\n");
    expect(text).toContain("# TYPE certwatch_source_errors counter\n");
    expect(text).toMatch(/^# HELP certwatch_cert_expiry_timestamp_seconds .*from_pem=\\"true\\"/m);
  });

  it("has the same samples as the text format", async () => {
    const plain = (await scrape({})).body.toString();
    const open = (await scrape({ accept: PROMETHEUS_ACCEPT })).body.toString();
    expect(parseExposition(open.replace(/# EOF\n$/, ""))).toEqual(parseExposition(plain));
    expect(plain).not.toContain("# EOF");
  });

  it("gzips to exactly the plain OpenMetrics body, and follows inventory changes", async () => {
    const plain = await scrape({ accept: PROMETHEUS_ACCEPT });
    const gzipped = await scrape({ accept: PROMETHEUS_ACCEPT, "accept-encoding": "gzip" });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.headers["content-type"]).toBe(OPENMETRICS);
    expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
    // The text format's gzip, cached alongside, is unaffected.
    const textGzip = await scrape({ "accept-encoding": "gzip" });
    expect(gunzipSync(textGzip.body).equals((await scrape({})).body)).toBe(true);
    inventory.retain(() => false);
    const after = gunzipSync((await scrape({ accept: PROMETHEUS_ACCEPT, "accept-encoding": "gzip" })).body).toString();
    expect(openMetricsProblems(after)).toEqual([]);
    expect(after).not.toContain("certwatch_cert_info{");
  });
});
