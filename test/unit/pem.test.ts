import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parsePem } from "../../src/pem/parse-pem.js";
import { PemCache } from "../../src/pem/pem-cache.js";
import { mintCertificate, mintChainBundle, type KeyAlgorithm } from "../../dev/simulator/mint.js";

const DAY = 86_400_000;
const now = Date.now();

describe("parsePem", () => {
  it.each<[KeyAlgorithm, string]>([
    ["rsa", "RSA-2048"],
    ["ecdsa", "ECDSA-P-256"],
    ["ed25519", "Ed25519"],
  ])("reads every field of a %s certificate", async (keyAlgorithm, expectedAlgorithm) => {
    const minted = await mintCertificate({
      commonName: `leaf-${keyAlgorithm}.example.com`,
      notBefore: new Date(now - 10 * DAY),
      notAfter: new Date(now + 42 * DAY),
      keyAlgorithm,
      sans: [`leaf-${keyAlgorithm}.example.com`, `www.leaf-${keyAlgorithm}.example.com`],
    });
    const result = await parsePem(minted.pem);
    if (!result.ok) throw new Error(result.error);
    const c = result.certificate;
    const reference = new X509Certificate(minted.pem);
    expect(c.notAfter).toBe(minted.notAfter.getTime());
    expect(c.notBefore).toBe(minted.notBefore.getTime());
    expect(c.notAfter).toBe(Date.parse(reference.validTo));
    expect(c.subjectCN).toBe(`leaf-${keyAlgorithm}.example.com`);
    expect(c.issuerCN).toBe(`leaf-${keyAlgorithm}.example.com`);
    expect(c.serialHex).toBe(minted.serialHex);
    expect(c.serialHex).toBe(reference.serialNumber.toLowerCase());
    expect(c.sha256Fingerprint).toBe(reference.fingerprint256.replaceAll(":", "").toLowerCase());
    expect(c.sans).toEqual([`dns:leaf-${keyAlgorithm}.example.com`, `dns:www.leaf-${keyAlgorithm}.example.com`]);
    expect(c.keyAlgorithm).toBe(expectedAlgorithm);
    expect(c.chainNotAfter).toBe(c.notAfter);
    expect(c.chain).toHaveLength(1);
  });

  it("splits a bundle: leaf fields from the first certificate, chainNotAfter from the earliest", async () => {
    const bundle = await mintChainBundle({
      leaf: { commonName: "svc.example.com", notBefore: new Date(now - DAY), notAfter: new Date(now + 200 * DAY) },
      intermediate: { commonName: "Short Intermediate", notAfter: new Date(now + 10 * DAY) },
    });
    const result = await parsePem(bundle.pem);
    if (!result.ok) throw new Error(result.error);
    expect(result.certificate.subjectCN).toBe("svc.example.com");
    expect(result.certificate.issuerCN).toBe("Short Intermediate");
    expect(result.certificate.notAfter).toBe(bundle.leaf.notAfter.getTime());
    expect(result.certificate.chainNotAfter).toBe(bundle.intermediate.notAfter.getTime());
    expect(result.certificate.chain.map((m) => m.subjectCN)).toEqual(["svc.example.com", "Short Intermediate"]);
  });

  it.each([
    ["empty text", ""],
    ["no PEM block", "hello, this is not a certificate"],
    ["bad base64", "-----BEGIN CERTIFICATE-----\nnot base64!!\n-----END CERTIFICATE-----\n"],
    ["valid base64 but not DER", "-----BEGIN CERTIFICATE-----\naGVsbG8gd29ybGQ=\n-----END CERTIFICATE-----\n"],
    ["a private key", "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIH0Rn0f1rZ4N\n-----END PRIVATE KEY-----\n"],
  ])("returns an error and no date for %s", async (_, pem) => {
    const result = await parsePem(pem);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeGreaterThan(0);
    expect(result).not.toHaveProperty("certificate");
  });

  it("fails a bundle when any member is broken, naming which", async () => {
    const good = await mintCertificate({ commonName: "ok", notBefore: new Date(now - DAY), notAfter: new Date(now + DAY) });
    const result = await parsePem(good.pem + "-----BEGIN CERTIFICATE-----\naGVsbG8=\n-----END CERTIFICATE-----\n");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^certificate 2 of 2: /);
  });
});

describe("PemCache", () => {
  it("parses an unchanged PEM once and forgets PEMs not seen since the last sweep", async () => {
    const a = await mintCertificate({ commonName: "a", notBefore: new Date(now - DAY), notAfter: new Date(now + DAY) });
    const b = await mintCertificate({ commonName: "b", notBefore: new Date(now - DAY), notAfter: new Date(now + DAY) });
    const cache = new PemCache();
    expect(await cache.parse(a.pem)).toEqual(await cache.parse(a.pem));
    await cache.parse(b.pem);
    expect(cache.parseCount).toBe(2);
    cache.sweep();
    await cache.parse(a.pem);
    expect(cache.parseCount).toBe(2);
    cache.sweep();
    expect(cache.size).toBe(1);
    await cache.parse(b.pem);
    expect(cache.parseCount).toBe(3);
  });
});
