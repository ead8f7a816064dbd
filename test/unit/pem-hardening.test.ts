// Hostile and odd PEMs: size caps, whitespace openssl tolerates, impossible dates, and sharing
// the event loop while thousands of certificates are parsed.
import { describe, expect, it } from "vitest";
import { buildRecords } from "../../src/inventory/build-records.js";
import type { SourceItem } from "../../src/model/index.js";
import { MAX_BUNDLE_BYTES } from "../../src/pem/bundle-limits.js";
import { parsePem } from "../../src/pem/parse-pem.js";
import { PemCache } from "../../src/pem/pem-cache.js";
import { subjectAltNames } from "../../src/pem/subject-alt-names.js";
import { x509 } from "../../src/pem/x509.js";
import type { PemParseResult } from "../../src/model/index.js";
import { mintCertificate, mintChainBundle } from "../../dev/simulator/mint.js";

const DAY = 86_400_000;
const now = Date.now();
const zone = { id: "0123456789abcdef0123456789abcdef", name: "zone.test", hostnames: [] };

function mintAt(notBefore: string, notAfter: string, commonName = "dates.example.com") {
  return mintCertificate({ commonName, notBefore: new Date(notBefore), notAfter: new Date(notAfter) });
}

function mintFresh(commonName: string) {
  return mintCertificate({ commonName, notBefore: new Date(now - DAY), notAfter: new Date(now + 30 * DAY), sans: [commonName] });
}

function derOf(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s/g, ""), "base64");
}

function pemOf(der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}

/** The certificate with one ASN.1 time rewritten in place; the signature no longer verifies, which certwatch never checks. */
function withTime(pem: string, from: string, to: string): string {
  expect(to).toHaveLength(from.length);
  const der = derOf(pem);
  const at = der.indexOf(from, 0, "latin1");
  expect(at).toBeGreaterThan(0);
  expect(der.indexOf(from, at + 1, "latin1")).toBe(-1);
  der.write(to, at, "latin1");
  return pemOf(der);
}

function errorOf(result: PemParseResult): string {
  if (result.ok) throw new Error("expected the PEM not to parse");
  return result.error;
}

function item(certId: string, pem: string): SourceItem {
  return { certId, hostname: "", status: "active", apiExpiresOn: null, pem, apiIssuer: null, attributes: {} };
}

describe("bundle caps", () => {
  it("parses 64 certificates and refuses 65 as too large", async () => {
    const cert = await mintFresh("many.example.com");
    const parsed = await parsePem(cert.pem.repeat(64));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.certificate.chain).toHaveLength(64);
    expect(errorOf(await parsePem(cert.pem.repeat(65)))).toMatch(/^bundle too large/);
  });

  it("parses an object of exactly 1 MiB and refuses 1 MiB + 1 byte", async () => {
    const cert = await mintFresh("big.example.com");
    const padded = cert.pem + " ".repeat(MAX_BUNDLE_BYTES - cert.pem.length);
    expect((await parsePem(padded)).ok).toBe(true);
    expect(errorOf(await parsePem(`${padded} `))).toMatch(/^bundle too large/);
    // Counted in UTF-8 bytes, not characters.
    const multibyte = cert.pem + "é".repeat((MAX_BUNDLE_BYTES - cert.pem.length) / 2 + 1);
    expect(errorOf(await parsePem(multibyte))).toMatch(/^bundle too large/);
  });

  it("parses a certificate of 1,400 names and refuses one over 64 KiB of DER", async () => {
    const names = (count: number) => Array.from({ length: count }, (_, i) => `host-${i}.some-customer-domain.example.com`);
    const large = await mintCertificate({ commonName: "large.example.com", notBefore: new Date(now - DAY), notAfter: new Date(now + DAY), sans: names(1400) });
    const parsed = await parsePem(large.pem);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.certificate.sans).toHaveLength(1400);
    const huge = await mintCertificate({ commonName: "huge.example.com", notBefore: new Date(now - DAY), notAfter: new Date(now + DAY), sans: names(1600) });
    expect(errorOf(await parsePem(huge.pem))).toBe("certificate 1 of 1: certificate too large: over 64 KiB of DER");
    // One huge block is refused on its length, before its base64 is decoded.
    const block = `-----BEGIN CERTIFICATE-----\n${"QUFB\n".repeat(200_000)}-----END CERTIFICATE-----\n`;
    expect(errorOf(await parsePem(block))).toBe("certificate 1 of 1: certificate too large: over 64 KiB of DER");
  });

  it("refuses thousands of BEGIN lines without an END in linear time", async () => {
    const text = "-----BEGIN CERTIFICATE-----\n".repeat(30_000);
    expect(errorOf(await parsePem(text))).toBe("no PEM CERTIFICATE block found");
  });

  it("keeps the reason on the record, for the CertificateUnparsable alert", async () => {
    const cert = await mintFresh("record.example.com");
    const [record] = await buildRecords(zone, "custom_certificate", [item("too-many", cert.pem.repeat(65))], new PemCache());
    expect(record?.parsed).toBeNull();
    expect(record?.parseError).toMatch(/^bundle too large/);
  });
});

describe("PemCache", () => {
  it("parses a PEM once when sources polled side by side ask for it together", async () => {
    const cert = await mintFresh("shared.example.com");
    const cache = new PemCache();
    const [a, b] = await Promise.all([cache.parse(cert.pem), cache.parse(cert.pem)]);
    expect(a).toEqual(b);
    expect(cache.parseCount).toBe(1);
  });

  it("refuses an oversized PEM without hashing, parsing or keeping it", async () => {
    const cache = new PemCache();
    expect(errorOf(await cache.parse("x".repeat(MAX_BUNDLE_BYTES + 1)))).toMatch(/^bundle too large/);
    expect(cache.parseCount).toBe(0);
    expect(cache.size).toBe(0);
  });
});

describe("whitespace", () => {
  it("reads trailing blanks, tabs, CRLF and indentation the same as the plain PEM", async () => {
    const bundle = await mintChainBundle({
      leaf: { commonName: "ws.example.com", notBefore: new Date(now - DAY), notAfter: new Date(now + 60 * DAY) },
      intermediate: { notAfter: new Date(now + 90 * DAY) },
    });
    const plain = await parsePem(bundle.pem);
    expect(plain.ok).toBe(true);
    const lines = bundle.pem.trimEnd().split("\n");
    const variants = {
      trailing: lines.map((l, i) => l + [" ", "\t", " \t ", "\r"][i % 4]).join("\n"),
      crlf: lines.join("\r\n"),
      indented: lines.map((l) => `    ${l}`).join("\n"),
      everything: lines.map((l) => `\t ${l} \t\r`).join("\r\n"),
    };
    for (const [name, text] of Object.entries(variants)) {
      expect(await parsePem(text), name).toEqual(plain);
    }
  });
});

describe("subjectAltNames", () => {
  it("reads plain names directly and leaves other kinds to the library, with the same result", () => {
    const lists: x509.JsonGeneralNames[] = [
      [{ type: "dns", value: "a.example.com" }, { type: "email", value: "ops@example.com" }, { type: "url", value: "https://example.com/" }],
      [{ type: "dns", value: "b.example.com" }, { type: "ip", value: "192.0.2.7" }, { type: "ip", value: "2001:db8::1" }],
      [{ type: "dn", value: "CN=Some One, O=Example" }, { type: "dns", value: "c.example.com" }],
      [],
    ];
    for (const names of lists) {
      const der = new Uint8Array(new x509.GeneralNames(names).rawData);
      const expected = new x509.GeneralNames(der).toJSON().map((n) => `${n.type}:${n.value}`);
      expect(subjectAltNames(der)).toEqual(expected);
    }
    expect(subjectAltNames(null)).toEqual([]);
  });
});

describe("validity dates", () => {
  it.each([
    ["UTCTime month 13", "311231235959Z", "311331235959Z", "notAfter is not a valid date (month 13)"],
    ["UTCTime day 32", "311231235959Z", "311232235959Z", "notAfter is not a valid date (day 32)"],
    ["UTCTime hour 25", "311231235959Z", "311231255959Z", "notAfter is not a valid date (hour 25)"],
    ["UTCTime minute 60", "311231235959Z", "311231236059Z", "notAfter is not a valid date (minute 60)"],
    ["UTCTime 31 April", "311231235959Z", "310431235959Z", "notAfter is not a valid date (day 31)"],
    ["UTCTime no seconds", "311231235959Z", "3112312359Z  ", 'notAfter is not a valid date (UTCTime "3112312359Z  " is not in the form YYMMDDHHMMSSZ)'],
    ["GeneralizedTime year 0001", "20600101000000Z", "00010101000000Z", "notAfter is not a valid date (year 0001)"],
    ["GeneralizedTime month 13", "20600101000000Z", "20601301000000Z", "notAfter is not a valid date (month 13)"],
    ["GeneralizedTime 29 February of a common year", "20600101000000Z", "20610229000000Z", "notAfter is not a valid date (day 29)"],
  ])("refuses %s rather than rolling it over", async (_, from, to, reason) => {
    const minted = await mintAt(from.length === 13 ? "2020-01-01T00:00:00Z" : "2031-12-31T23:59:59Z", from.length === 13 ? "2031-12-31T23:59:59Z" : "2060-01-01T00:00:00Z");
    expect(errorOf(await parsePem(withTime(minted.pem, from, to)))).toBe(`certificate 1 of 1: ${reason}`);
  });

  it("names the bundle member and the field", async () => {
    const leaf = await mintFresh("leaf.example.com");
    const broken = await mintAt("2020-01-01T00:00:00Z", "2031-12-31T23:59:59Z");
    const pem = leaf.pem + withTime(broken.pem, "200101000000Z", "200100000000Z");
    expect(errorOf(await parsePem(pem))).toBe("certificate 2 of 2: notBefore is not a valid date (day 00)");
  });

  it("accepts 29 February of a leap year", async () => {
    const minted = await mintAt("2020-01-01T00:00:00Z", "2060-01-01T00:00:00Z");
    const result = await parsePem(withTime(minted.pem, "20600101000000Z", "20600229000000Z"));
    if (!result.ok) throw new Error(result.error);
    expect(result.certificate.notAfter).toBe(Date.parse("2060-02-29T00:00:00Z"));
  });

  it("reads 99991231235959Z (no well-defined expiry) and a notBefore in 1950", async () => {
    const minted = await mintAt("1950-01-01T00:00:00Z", "9999-12-31T23:59:59Z");
    const result = await parsePem(minted.pem);
    if (!result.ok) throw new Error(result.error);
    expect(result.certificate.notBefore).toBe(Date.parse("1950-01-01T00:00:00Z"));
    expect(result.certificate.notBefore).toBeLessThan(0);
    expect(result.certificate.notAfter).toBe(Date.parse("9999-12-31T23:59:59Z"));
    expect(result.certificate.chainNotAfter).toBe(result.certificate.notAfter);
  });

  it("reads a 1969 notBefore and a GeneralizedTime before 2050", async () => {
    const minted = await mintAt("1969-07-20T20:17:40Z", "2060-01-01T00:00:00Z");
    // Some CAs write GeneralizedTime where RFC 5280 wants UTCTime; openssl reads it, so do we.
    const result = await parsePem(withTime(minted.pem, "20600101000000Z", "20400101000000Z"));
    if (!result.ok) throw new Error(result.error);
    expect(result.certificate.notBefore).toBe(Date.parse("1969-07-20T20:17:40Z"));
    expect(result.certificate.notAfter).toBe(Date.parse("2040-01-01T00:00:00Z"));
  });
});

describe("sharing the event loop", () => {
  it("keeps timers running while 10,000 records are parsed", async () => {
    const distinct = await Promise.all(Array.from({ length: 40 }, (_, i) => mintFresh(`loop-${i}.example.com`)));
    // Trailing blanks make every text distinct, so each one is a real parse and not a cache hit.
    const items = Array.from({ length: 10_000 }, (_, i) => item(`cert-${i}`, distinct[i % 40]!.pem + " ".repeat(Math.floor(i / 40) % 25)));
    const gaps: number[] = [];
    let last = performance.now();
    const timer = setInterval(() => {
      const t = performance.now();
      gaps.push(t - last);
      last = t;
    }, 5);
    const started = performance.now();
    const records = await buildRecords(zone, "custom_certificate", items, new PemCache());
    const elapsed = performance.now() - started;
    clearInterval(timer);
    gaps.push(performance.now() - last);
    expect(records).toHaveLength(10_000);
    expect(records.every((r) => r.parseError === null)).toBe(true);
    // Behaviour, not speed (the bench measures that): the timer kept firing during the run, and
    // no gap came near the whole run. Bounds are loose: other processes share this machine.
    expect(gaps.length).toBeGreaterThanOrEqual(Math.min(20, Math.floor(elapsed / 50)));
    expect(Math.max(...gaps)).toBeLessThan(Math.max(200, elapsed / 4));
  });
});
