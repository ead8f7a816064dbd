// The inventory snapshot behind /metrics: rebuilt per zone when the inventory changes, right
// as time passes (expired, valid CAs), and always a well-formed exposition.
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { CertificateRecord } from "../../src/model/index.js";
import { Inventory } from "../../src/inventory/inventory.js";
import { gzipWithTail } from "../../src/metrics/snapshot/gzip-parts.js";
import { InventorySnapshot } from "../../src/metrics/snapshot/inventory-snapshot.js";
import { FakeClock } from "../helpers/fake-clock.js";
import { parseExposition, select, valueOf } from "../helpers/exposition.js";
import { DAY, NOW, record } from "../helpers/records.js";

const A = { id: "a".repeat(32), name: "a.test", hostnames: [] };
const B = { id: "b".repeat(32), name: "b.test", hostnames: [] };

function cert(zone: { id: string; name: string }, certId: string, overrides: Partial<CertificateRecord> & { notAfter?: number } = {}): CertificateRecord {
  return record({ zoneId: zone.id, zoneName: zone.name, certId, ...overrides });
}

function setup(summarized: ReadonlySet<string> = new Set()) {
  const inventory = new Inventory();
  const clock = new FakeClock(NOW);
  const built: string[] = [];
  const snapshot = new InventorySnapshot({ inventory, clock, summarizedZones: () => summarized, onZoneBuilt: (id) => built.push(id) });
  const scrape = async () => {
    const text = Buffer.concat(await snapshot.plain()).toString();
    return { text, samples: parseExposition(text) };
  };
  return { inventory, clock, built, snapshot, scrape };
}

describe("inventory snapshot", () => {
  it("exports identity labels on the values and the descriptive ones on certwatch_cert_info", async () => {
    const { inventory, scrape } = setup();
    inventory.recordSuccess(A, "aop_hostname_cert", [cert(A, "c1")], NOW);
    const { samples } = await scrape();
    const identity = { zone: "a.test", zone_id: A.id, source: "aop_hostname_cert", cert_id: "c1", hostname: "" };
    expect(select(samples, "certwatch_cert_info")).toEqual([
      { name: "certwatch_cert_info", labels: { ...identity, subject_cn: "svc.zone.test", issuer_cn: "Test CA", serial: "01" }, value: 1 },
    ]);
    for (const name of ["certwatch_cert_not_after_timestamp_seconds", "certwatch_cert_not_before_timestamp_seconds", "certwatch_cert_chain_not_after_timestamp_seconds", "certwatch_cert_expired", "certwatch_cert_api_expires_on_timestamp_seconds"]) {
      expect(select(samples, name).map((s) => s.labels)).toEqual([identity]);
    }
    expect(select(samples, "certwatch_cert_status")[0]!.labels).toEqual({ ...identity, status: "active" });
    expect(select(samples, "certwatch_cert_expiry_timestamp_seconds")[0]!.labels).toEqual({ ...identity, from_pem: "true" });
    expect(valueOf(samples, "certwatch_cert_not_after_timestamp_seconds")).toBe((NOW + 100 * DAY) / 1000);
  });

  it("lists each family once, with all its samples together, and no series twice", async () => {
    const { inventory, scrape } = setup();
    inventory.recordSuccess(A, "aop_hostname_cert", [cert(A, "c1"), cert(A, "c2")], NOW);
    inventory.recordSuccess(B, "aop_hostname_cert", [cert(B, "c1")], NOW);
    inventory.recordFailure(B, "trust_store", { reason: "timeout", message: "slow" }, NOW);
    const { text, samples } = await scrape();
    const lines = text.split("\n").filter(Boolean);
    const types = lines.filter((l) => l.startsWith("# TYPE ")).map((l) => l.split(" ")[2]);
    expect(new Set(types).size).toBe(types.length);
    // Samples of a family come right after its header, before the next family's.
    let family = "";
    for (const line of lines) {
      if (line.startsWith("# TYPE ")) family = line.split(" ")[2]!;
      else if (!line.startsWith("#")) expect(line.startsWith(`${family}{`) || line.startsWith(`${family} `)).toBe(true);
    }
    const keys = samples.map((s) => `${s.name}${JSON.stringify(s.labels)}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(select(samples, "certwatch_cert_info")).toHaveLength(3);
    expect(valueOf(samples, "certwatch_source_errors_total", { zone_id: B.id, source: "trust_store", reason: "timeout" })).toBe(1);
  });

  it("exports the transient error reasons at 0 for every polled (zone, source), so increase() sees the first", async () => {
    const { inventory, scrape } = setup();
    inventory.recordSuccess(A, "aop_hostname_cert", [cert(A, "c1")], NOW);
    inventory.recordFailure(B, "trust_store", { reason: "timeout", message: "slow" }, NOW);
    inventory.recordFailure(B, "custom_hostname", { reason: "forbidden", message: "no SaaS" }, NOW);
    inventory.setUnavailable(B.id, "custom_hostname", true);
    const errors = (await scrape()).samples.filter((s) => s.name === "certwatch_source_errors_total");
    const byReason = (zoneId: string, source: string) =>
      Object.fromEntries(errors.filter((s) => s.labels.zone_id === zoneId && s.labels.source === source).map((s) => [s.labels.reason, s.value]));
    expect(byReason(A.id, "aop_hostname_cert")).toEqual({ rate_limited: 0, http_5xx: 0, timeout: 0, network: 0 });
    expect(byReason(B.id, "trust_store")).toEqual({ rate_limited: 0, http_5xx: 0, timeout: 1, network: 0 });
    // A source the zone lacks (403, asked again hourly) gets no zeros: only what happened.
    expect(byReason(B.id, "custom_hostname")).toEqual({ forbidden: 1 });
  });

  it("escapes label values per the exposition format", async () => {
    const { inventory, scrape } = setup();
    const odd = 'we"ird\\na\nme';
    inventory.recordSuccess(A, "aop_hostname", [cert(A, "c1", { source: "aop_hostname", hostname: odd })], NOW);
    const { text, samples } = await scrape();
    expect(text).toContain('hostname="we\\"ird\\\\na\\nme"');
    expect(select(samples, "certwatch_cert_info")[0]!.labels.hostname).toBe(odd);
  });

  it("keeps multi-byte label values intact (lengths are counted in bytes)", async () => {
    const { inventory, scrape } = setup();
    inventory.recordSuccess(A, "aop_hostname", [cert(A, "c1", { source: "aop_hostname", hostname: "bücher.例え.test" })], NOW);
    inventory.recordSuccess(A, "trust_store", [cert(A, "ca", { source: "trust_store" })], NOW);
    const { samples } = await scrape();
    expect(select(samples, "certwatch_cert_info", { hostname: "bücher.例え.test" })).toHaveLength(1);
    expect(select(samples, "certwatch_cert_info")).toHaveLength(2);
    expect(select(samples, "certwatch_trust_store_valid_cas")).toHaveLength(1);
  });

  it("rebuilds only the zone that changed, and nothing when nothing did", async () => {
    const { inventory, built, scrape } = setup();
    inventory.recordSuccess(A, "aop_hostname_cert", [cert(A, "c1")], NOW);
    inventory.recordSuccess(B, "aop_hostname_cert", [cert(B, "c1")], NOW);
    await scrape();
    expect(built.sort()).toEqual([A.id, B.id]);
    built.length = 0;
    await scrape();
    expect(built).toEqual([]);
    inventory.recordSuccess(A, "aop_hostname_cert", [cert(A, "c1"), cert(A, "c2")], NOW + 1);
    const { samples } = await scrape();
    expect(built).toEqual([A.id]);
    expect(select(samples, "certwatch_cert_info", { zone_id: A.id })).toHaveLength(2);
    expect(select(samples, "certwatch_cert_info", { zone_id: B.id })).toHaveLength(1);
  });

  it("drops a removed certificate's series, and a zone's when it is no longer watched", async () => {
    const { inventory, scrape } = setup();
    inventory.recordSuccess(A, "aop_hostname_cert", [cert(A, "c1"), cert(A, "c2")], NOW);
    inventory.recordSuccess(B, "aop_hostname_cert", [cert(B, "c1")], NOW);
    await scrape();
    inventory.recordSuccess(A, "aop_hostname_cert", [cert(A, "c1")], NOW + 1);
    let { samples } = await scrape();
    expect(samples.filter((s) => s.labels.cert_id === "c2")).toEqual([]);
    inventory.retain((zoneId) => zoneId !== B.id);
    ({ samples } = await scrape());
    expect(samples.filter((s) => s.labels.zone_id === B.id)).toEqual([]);
    expect(select(samples, "certwatch_cert_info")).toHaveLength(1);
  });

  it("after changes here and there in many zones, says exactly what a fresh snapshot says, gzipped too", async () => {
    const { inventory, snapshot, scrape } = setup();
    const zones = Array.from({ length: 200 }, (_, n) => ({ id: n.toString(16).padStart(32, "0"), name: `z${n}.test`, hostnames: [] }));
    for (const zone of zones) inventory.recordSuccess(zone, "aop_hostname_cert", [cert(zone, "c1"), cert(zone, "c2")], NOW);
    await scrape();
    await snapshot.gzipHead();
    inventory.recordSuccess(zones[7]!, "aop_hostname_cert", [cert(zones[7]!, "c3")], NOW + 1);
    inventory.recordFailure(zones[8]!, "aop_hostname_cert", { reason: "http_5xx", message: "502" }, NOW + 1);
    inventory.retain((zoneId) => zoneId !== zones[9]!.id);
    const incremental = (await scrape()).text;
    const fresh = new InventorySnapshot({ inventory, clock: new FakeClock(NOW), summarizedZones: () => new Set() });
    const sorted = (text: string) => text.split("\n").sort();
    expect(sorted(incremental)).toEqual(sorted(Buffer.concat(await fresh.plain()).toString()));
    const samples = parseExposition(incremental);
    expect(select(samples, "certwatch_cert_info")).toHaveLength(199 * 2 - 1);
    expect(select(samples, "certwatch_cert_info", { zone_id: zones[7]!.id }).map((s) => s.labels.cert_id)).toEqual(["c3"]);
    expect(valueOf(samples, "certwatch_source_up", { zone_id: zones[8]!.id })).toBe(0);
    const gzipped = Buffer.concat(gzipWithTail(await snapshot.gzipHead(), Buffer.alloc(0)));
    expect(gunzipSync(gzipped).toString()).toBe(incremental);
  });

  it("prepare() builds the text and its gzip ahead of a scrape, which then builds and compresses nothing", async () => {
    const { inventory, built, snapshot } = setup();
    inventory.recordSuccess(A, "aop_hostname_cert", [cert(A, "c1")], NOW);
    inventory.recordSuccess(B, "aop_hostname_cert", [cert(B, "c1")], NOW);
    await snapshot.prepare();
    expect(built.sort()).toEqual([A.id, B.id].sort());
    const head = await snapshot.gzipHead();
    expect(built).toHaveLength(2);
    // The same compressed head object: nothing compressed again for the scrape.
    expect(await snapshot.gzipHead()).toBe(head);
    await snapshot.prepare();
    expect(await snapshot.gzipHead()).toBe(head);
    expect(built).toHaveLength(2);
  });

  it("flips certwatch_cert_expired at notAfter, with no inventory change", async () => {
    const { inventory, clock, built, scrape } = setup();
    const notAfter = NOW + 2 * DAY;
    inventory.recordSuccess(A, "aop_hostname_cert", [cert(A, "c1", { notAfter })], NOW);
    inventory.recordSuccess(B, "aop_hostname_cert", [cert(B, "c1", { notAfter: NOW + 300 * DAY })], NOW);
    expect(valueOf((await scrape()).samples, "certwatch_cert_expired", { zone_id: A.id })).toBe(0);
    built.length = 0;
    clock.time = notAfter - 1;
    expect(valueOf((await scrape()).samples, "certwatch_cert_expired", { zone_id: A.id })).toBe(0);
    expect(built).toEqual([]);
    clock.time = notAfter;
    expect(valueOf((await scrape()).samples, "certwatch_cert_expired", { zone_id: A.id })).toBe(1);
    expect(built).toEqual([A.id]);
  });

  it("counts valid trust-store CAs as of the scrape: a CA counts from its notBefore until its notAfter", async () => {
    const { inventory, clock, scrape } = setup();
    const current = cert(A, "ca1", { source: "trust_store", notAfter: NOW + 5 * DAY });
    const next = cert(A, "ca2", { source: "trust_store", notBefore: NOW + 3 * DAY, notAfter: NOW + 400 * DAY } as Partial<CertificateRecord>);
    inventory.recordSuccess(A, "trust_store", [current, next], NOW);
    const valid = async () => valueOf((await scrape()).samples, "certwatch_trust_store_valid_cas", { zone_id: A.id });
    expect(await valid()).toBe(1);
    clock.time = NOW + 3 * DAY;
    expect(await valid()).toBe(2);
    clock.time = NOW + 5 * DAY;
    expect(await valid()).toBe(1);
  });

  it("exports a summary-mode zone's custom hostnames as counts only", async () => {
    const { inventory, scrape } = setup(new Set([A.id]));
    const hostnames = ["x", "y", "z"].map((id) =>
      cert(A, id, { source: "custom_hostname", hostname: `${id}.a.test`, attributes: { hostname_status: "active" }, pem: null, parsed: null }),
    );
    inventory.recordSuccess(A, "custom_hostname", hostnames, NOW);
    const { samples } = await scrape();
    expect(samples.filter((s) => s.name.startsWith("certwatch_cert_"))).toEqual([]);
    expect(valueOf(samples, "certwatch_custom_hostnames", { zone_id: A.id, status: "active", ssl_status: "active" })).toBe(3);
  });

  it("gzips to the same text, with a per-scrape tail appended as one gzip stream", async () => {
    const { inventory, snapshot } = setup();
    inventory.recordSuccess(A, "aop_hostname_cert", Array.from({ length: 50 }, (_, n) => cert(A, `c${n}`)), NOW);
    const plain = Buffer.concat(await snapshot.plain());
    const tail = Buffer.from("# TYPE x gauge\nx 1\n");
    const gzipped = Buffer.concat(gzipWithTail(await snapshot.gzipHead(), tail));
    expect(gunzipSync(gzipped).equals(Buffer.concat([plain, tail]))).toBe(true);
    expect(gzipped.length).toBeLessThan(plain.length / 3);
    // Compressed once per change, not per scrape.
    expect(await snapshot.gzipHead()).toBe(await snapshot.gzipHead());
  });

  it("rebuilds no zone block on a re-poll that found the same records, while the last-success timestamp still advances", async () => {
    const { inventory, clock, built, snapshot, scrape } = setup();
    inventory.recordSuccess(A, "aop_hostname_cert", [cert(A, "c1"), cert(A, "c2")], NOW);
    inventory.recordSuccess(A, "trust_store", [cert(A, "ca", { source: "trust_store" })], NOW);
    inventory.recordSuccess(B, "aop_hostname_cert", [cert(B, "c1")], NOW, { some_setting: true });
    await snapshot.gzipHead();
    built.length = 0;
    const before = await scrape();
    clock.time += 60_000;
    const later = NOW + 60_000;
    // Fresh objects with the same content, as a re-poll builds them.
    inventory.recordSuccess(A, "aop_hostname_cert", [cert(A, "c1"), cert(A, "c2")], later);
    inventory.recordSuccess(A, "trust_store", [cert(A, "ca", { source: "trust_store" })], later);
    inventory.recordSuccess(B, "aop_hostname_cert", [cert(B, "c1")], later, { some_setting: true });
    inventory.countInvalid(B.id, "aop_hostname_cert", { counts: {}, example: null });
    const after = await scrape();
    expect(built).toEqual([]);
    for (const [zone, source] of [[A, "aop_hostname_cert"], [A, "trust_store"], [B, "aop_hostname_cert"]] as const) {
      const labels = { zone_id: zone.id, source };
      expect(valueOf(before.samples, "certwatch_source_last_success_timestamp_seconds", labels)).toBe(NOW / 1000);
      expect(valueOf(after.samples, "certwatch_source_last_success_timestamp_seconds", labels)).toBe(later / 1000);
    }
    // Everything else is as it was, and the gzipped body says the same as the plain one.
    const rest = (text: string) => text.split("\n").filter((l) => !l.startsWith("certwatch_source_last_success_timestamp_seconds{"));
    expect(rest(after.text)).toEqual(rest(before.text));
    expect(gunzipSync(Buffer.concat(gzipWithTail(await snapshot.gzipHead(), Buffer.alloc(0)))).toString()).toBe(after.text);
    // A fresh snapshot of the same inventory says exactly the same.
    const fresh = new InventorySnapshot({ inventory, clock, summarizedZones: () => new Set() });
    expect(Buffer.concat(await fresh.plain()).toString()).toBe(after.text);
    // A re-poll that did change something rebuilds that zone only.
    inventory.recordSuccess(B, "aop_hostname_cert", [cert(B, "c1", { status: "expired" })], later);
    await scrape();
    expect(built).toEqual([B.id]);
  });
});
