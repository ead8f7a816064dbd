import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { mintCertificate, mintChainBundle, type KeyAlgorithm } from "../../dev/simulator/mint.js";

const DAY_MS = 86_400_000;
const now = Date.now();
const at = (days: number) => new Date(now + days * DAY_MS);

function expectWithinOneSecond(actual: Date | string, expected: Date): void {
  expect(Math.abs(new Date(actual).getTime() - expected.getTime())).toBeLessThanOrEqual(1_000);
}

function splitBundle(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g) ?? [];
}

describe("mintCertificate", () => {
  it.each<[KeyAlgorithm, string]>([
    ["ecdsa", "ec"],
    ["rsa", "rsa"],
    ["ed25519", "ed25519"],
  ])("mints a %s certificate node:crypto parses, with the dates asked for", async (keyAlgorithm, nodeKeyType) => {
    const notBefore = at(-10);
    const notAfter = at(123.5);
    const minted = await mintCertificate({ commonName: `${keyAlgorithm}.example.com`, notBefore, notAfter, keyAlgorithm, sans: ["a.example.com", "b.example.com"] });

    const parsed = new X509Certificate(minted.pem);
    expectWithinOneSecond(parsed.validTo, notAfter);
    expectWithinOneSecond(parsed.validFrom, notBefore);
    expectWithinOneSecond(minted.notAfter, notAfter);
    expect(parsed.publicKey.asymmetricKeyType).toBe(nodeKeyType);
    expect(parsed.subject).toContain(`CN=${keyAlgorithm}.example.com`);
    expect(parsed.subjectAltName).toBe("DNS:a.example.com, DNS:b.example.com");
    expect(parsed.ca).toBe(false);
    expect(parsed.serialNumber.toLowerCase()).toBe(minted.serialHex);
    expect(parsed.verify(parsed.publicKey)).toBe(true); // self-signed when no issuer is given
  });

  it("uses random positive 16-byte serials", async () => {
    const serials = await Promise.all(
      Array.from({ length: 8 }, async () => (await mintCertificate({ commonName: "s", notBefore: at(-1), notAfter: at(1) })).serialHex),
    );
    for (const serial of serials) {
      expect(serial).toMatch(/^[0-7][0-9a-f]{31}$/);
      expect(BigInt(`0x${serial}`) > 0n).toBe(true);
    }
    expect(new Set(serials).size).toBe(serials.length);
  });

  it("signs with a given issuer and marks CAs", async () => {
    const ca = await mintCertificate({ commonName: "Test CA", notBefore: at(-100), notAfter: at(1000), isCA: true, keyAlgorithm: "rsa" });
    const leaf = await mintCertificate({ commonName: "leaf.example.com", notBefore: at(-1), notAfter: at(30), issuer: ca });
    const caCert = new X509Certificate(ca.pem);
    const leafCert = new X509Certificate(leaf.pem);
    expect(caCert.ca).toBe(true);
    expect(leafCert.checkIssued(caCert)).toBe(true);
    expect(leafCert.verify(caCert.publicKey)).toBe(true);
    expect(leaf.issuerCommonName).toBe("Test CA");
    expect(leaf.signature).toBe("SHA256WithRSA");
  });

  it("encodes dates past 2049 (GeneralizedTime)", async () => {
    const notAfter = new Date("2061-06-01T12:00:00Z");
    const minted = await mintCertificate({ commonName: "far", notBefore: at(0), notAfter, isCA: true });
    expectWithinOneSecond(new X509Certificate(minted.pem).validTo, notAfter);
  });
});

describe("mintChainBundle", () => {
  it("concatenates leaf then intermediate, the intermediate with its own notAfter", async () => {
    const bundle = await mintChainBundle({
      leaf: { commonName: "chain.example.com", notBefore: at(-5), notAfter: at(200) },
      intermediate: { notAfter: at(10) },
    });
    const [leafPem, intermediatePem, ...rest] = splitBundle(bundle.pem);
    expect(rest).toEqual([]);
    expect(bundle.pem).toBe(`${leafPem}${intermediatePem}`);

    const leaf = new X509Certificate(leafPem!);
    const intermediate = new X509Certificate(intermediatePem!);
    const root = new X509Certificate(bundle.root.pem);
    expect(leaf.subject).toContain("CN=chain.example.com");
    expectWithinOneSecond(leaf.validTo, at(200));
    expectWithinOneSecond(intermediate.validTo, at(10));
    expect(intermediate.ca).toBe(true);
    expect(leaf.checkIssued(intermediate) && leaf.verify(intermediate.publicKey)).toBe(true);
    expect(intermediate.checkIssued(root) && intermediate.verify(root.publicKey)).toBe(true);
  });
});
