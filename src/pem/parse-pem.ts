import { createHash } from "node:crypto";
import { x509 } from "./x509.js";
import type { ChainMember, ParsedCertificate, PemParseResult } from "./parsed-certificate.js";

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * Parses a PEM certificate or bundle (leaf first). Pure: the same text always gives the same
 * result, and a PEM that does not parse gives an error, never a made-up date.
 */
export function parsePem(pem: string): PemParseResult {
  const blocks = pem.match(CERTIFICATE_BLOCK);
  if (!blocks || blocks.length === 0) {
    return { ok: false, error: "no PEM CERTIFICATE block found" };
  }
  const certificates: x509.X509Certificate[] = [];
  for (const [index, block] of blocks.entries()) {
    try {
      const ders = x509.PemConverter.decode(block);
      const der = ders[0];
      if (!der) return { ok: false, error: `certificate ${index + 1} of ${blocks.length}: PEM block holds no base64 data` };
      certificates.push(new x509.X509Certificate(der));
    } catch (error) {
      return { ok: false, error: `certificate ${index + 1} of ${blocks.length}: ${describe(error)}` };
    }
  }
  const [leaf] = certificates;
  if (!leaf) return { ok: false, error: "no certificate in PEM" };
  try {
    const chain: ChainMember[] = certificates.map((c) => ({
      subjectCN: commonName(c.subjectName),
      issuerCN: commonName(c.issuerName),
      notBefore: c.notBefore.getTime(),
      notAfter: c.notAfter.getTime(),
    }));
    for (const member of chain) {
      if (!Number.isFinite(member.notBefore) || !Number.isFinite(member.notAfter)) {
        return { ok: false, error: "certificate has an unreadable validity date" };
      }
    }
    const certificate: ParsedCertificate = {
      notBefore: leaf.notBefore.getTime(),
      notAfter: leaf.notAfter.getTime(),
      subjectCN: commonName(leaf.subjectName),
      issuerCN: commonName(leaf.issuerName),
      serialHex: leaf.serialNumber.toLowerCase(),
      sha256Fingerprint: createHash("sha256").update(new Uint8Array(leaf.rawData)).digest("hex"),
      sans: subjectAltNames(leaf),
      keyAlgorithm: keyAlgorithm(leaf.publicKey.algorithm),
      chainNotAfter: Math.min(...chain.map((m) => m.notAfter)),
      chain,
    };
    return { ok: true, certificate };
  } catch (error) {
    return { ok: false, error: describe(error) };
  }
}

function commonName(name: x509.Name): string {
  return name.getField("CN")[0] ?? "";
}

function subjectAltNames(cert: x509.X509Certificate): string[] {
  const extension = cert.getExtension(x509.SubjectAlternativeNameExtension);
  if (!extension) return [];
  return extension.names.toJSON().map((n) => `${n.type}:${n.value}`);
}

function keyAlgorithm(algorithm: Algorithm): string {
  const a = algorithm as Algorithm & { namedCurve?: string; modulusLength?: number };
  if (a.name === "ECDSA" || a.name === "ECDH") return `ECDSA-${a.namedCurve ?? "unknown"}`;
  if (a.modulusLength) return `RSA-${a.modulusLength}`;
  return a.name;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
