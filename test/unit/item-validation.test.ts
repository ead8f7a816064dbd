// One bad item never drops a list: parseItems skips and counts it; repeated ids keep their own identity.
import { X509Certificate } from "node:crypto";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { CloudflareApiError } from "../../src/cloudflare/api-error.js";
import { separateDuplicateIds } from "../../src/inventory/duplicate-ids.js";
import type { SourceItem } from "../../src/model/index.js";
import { certificateObject, parseItems } from "../../src/stores/api-fields.js";
import { InvalidItemTally, totalInvalid } from "../../src/stores/invalid-items.js";
import { mintCertificate } from "../../dev/simulator/mint.js";

const ENDPOINT = "/zones/:zone_id/acm/custom_trust_store";
const good = (id: string) => ({ id, status: "active", expires_on: "2030-01-01T00:00:00Z" });

describe("parseItems", () => {
  it("keeps the good items and counts each bad one by reason", () => {
    const { items, invalid } = parseItems(
      certificateObject,
      [
        good("a"),
        { status: "active" },
        { id: "", status: "active" },
        { id: null },
        { id: 42 },
        "not an object",
        null,
        ["a list"],
        7,
        { id: "b", expires_on: "not a date" },
        { id: "c", status: { nested: true } },
        good("d"),
      ],
      ENDPOINT,
    );
    expect(items.map((i) => i.id)).toEqual(["a", "d"]);
    expect(invalid.counts).toEqual({ missing_id: 4, not_an_object: 4, bad_field: 2 });
    expect(invalid.total).toBe(10);
    expect(invalid.example).toMatch(/^\/zones\/:zone_id\/acm\/custom_trust_store item 1: id: /);
  });

  it("counts nothing for a clean list", () => {
    const { items, invalid } = parseItems(certificateObject, [good("a")], ENDPOINT);
    expect(items).toHaveLength(1);
    expect(totalInvalid(invalid)).toBe(0);
    expect(invalid.example).toBeNull();
  });

  it("treats a missing cert_id like a missing id", () => {
    const schema = z.object({ cert_id: z.string().min(1) });
    expect(parseItems(schema, [{ cert_id: "" }], ENDPOINT).invalid.counts).toEqual({ missing_id: 1 });
  });

  it("still fails the poll when the result is not a list at all", () => {
    expect(() => parseItems(certificateObject, { id: "a" }, ENDPOINT)).toThrow(CloudflareApiError);
  });

  it("merges tallies, keeping the first example", () => {
    const a = new InvalidItemTally();
    a.add("missing_id", "first");
    const b = new InvalidItemTally();
    b.add("missing_id", "second");
    b.add("bad_field", "third");
    expect(a.merge(b)).toMatchObject({ counts: { missing_id: 2, bad_field: 1 }, example: "first" });
  });
});

describe("separateDuplicateIds", () => {
  const item = (certId: string, extra: Partial<SourceItem> = {}): SourceItem => ({
    certId,
    hostname: "",
    status: "active",
    apiExpiresOn: null,
    pem: null,
    apiIssuer: null,
    attributes: {},
    ...extra,
  });

  it("leaves a list without repeats untouched", () => {
    const items = [item("a"), item("b"), item("a", { hostname: "x.test" })];
    expect(separateDuplicateIds(items)).toEqual({ items, duplicates: null });
  });

  it("names every copy of a repeated id after its certificate's SHA-256 fingerprint, whatever the order", async () => {
    const validity = { notBefore: new Date("2026-01-01T00:00:00Z"), notAfter: new Date("2027-01-01T00:00:00Z") };
    const [one, two] = await Promise.all([mintCertificate({ commonName: "one.test", ...validity }), mintCertificate({ commonName: "two.test", ...validity })]);
    const fp8 = (pem: string) => new X509Certificate(pem).fingerprint256.replaceAll(":", "").toLowerCase().slice(0, 8);
    const a = item("dup", { pem: one.pem });
    const b = item("dup", { pem: two.pem });
    const forward = separateDuplicateIds([a, item("other"), b]);
    const backward = separateDuplicateIds([b, item("other"), a]);
    const ids = forward.items.map((i) => i.certId);
    expect(ids).toEqual([`dup#${fp8(one.pem)}`, "other", `dup#${fp8(two.pem)}`]);
    expect(new Set(backward.items.map((i) => i.certId))).toEqual(new Set(ids));
    expect(forward.duplicates).toEqual({ ids: ["dup"], items: 2 });
  });

  it("keeps identical copies apart too, and names the hostname in the report", () => {
    const { items, duplicates } = separateDuplicateIds([item("x", { hostname: "h.test" }), item("x", { hostname: "h.test" })]);
    expect(items.map((i) => i.certId)).toEqual([expect.stringMatching(/^x#[0-9a-f]{8}$/), expect.stringMatching(/^x#[0-9a-f]{8}-2$/)]);
    expect(duplicates?.ids).toEqual(["x (h.test)"]);
  });
});
