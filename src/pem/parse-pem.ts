import { createHash } from "node:crypto";
import { MAX_CERTIFICATES_PER_BUNDLE, oversizeReason, TOO_MANY_CERTIFICATES } from "./bundle-limits.js";
import type { ParsedCertificate, PemParseResult } from "../model/parsed-certificate.js";
import { certificateBodies, decodeBody, TOO_MANY_BLOCKS } from "./pem-blocks.js";
import { type ReadCertificate, readCertificate } from "./read-certificate.js";
import { subjectAltNames } from "./subject-alt-names.js";
import { TimeSlice } from "./time-slice.js";

/**
 * Parses a PEM certificate or bundle (leaf first). Pure: the same text always gives the same
 * result, and a PEM that does not parse gives an error, never a made-up date. Never rejects.
 *
 * Asynchronous only to share the event loop: between certificates it yields through `slice`
 * (pass the caller's slice when parsing many PEMs in a row, so the budget spans all of them).
 */
export async function parsePem(pem: string, slice: TimeSlice = new TimeSlice()): Promise<PemParseResult> {
  try {
    return await parseBundle(pem, slice);
  } catch (error) {
    // Whatever a hostile PEM makes the parser throw is that PEM's problem, not the poll's.
    return { ok: false, error: describe(error) };
  }
}

async function parseBundle(pem: string, slice: TimeSlice): Promise<PemParseResult> {
  // Size first: nothing below may look at a text larger than the cap.
  const oversize = oversizeReason(pem);
  if (oversize) return { ok: false, error: oversize };
  const bodies = certificateBodies(pem, MAX_CERTIFICATES_PER_BUNDLE);
  if (bodies === TOO_MANY_BLOCKS) return { ok: false, error: TOO_MANY_CERTIFICATES };
  if (bodies.length === 0) return { ok: false, error: "no PEM CERTIFICATE block found" };

  const read: ReadCertificate[] = [];
  for (const [index, body] of bodies.entries()) {
    await slice.checkpoint();
    try {
      read.push(readCertificate(decodeBody(body)));
    } catch (error) {
      return { ok: false, error: `certificate ${index + 1} of ${bodies.length}: ${describe(error)}` };
    }
  }
  await slice.checkpoint();
  try {
    return { ok: true, certificate: describeBundle(read as [ReadCertificate, ...ReadCertificate[]]) };
  } catch (error) {
    // The leaf's extensions and key are decoded only now, so their faults surface here.
    return { ok: false, error: `certificate 1 of ${bodies.length}: ${describe(error)}` };
  }
}

function describeBundle(read: [ReadCertificate, ...ReadCertificate[]]): ParsedCertificate {
  const [{ certificate: leaf, member, subjectAltName }] = read;
  const chain = read.map((r) => r.member);
  return {
    notBefore: member.notBefore,
    notAfter: member.notAfter,
    subjectCN: member.subjectCN,
    issuerCN: member.issuerCN,
    serialHex: leaf.serialNumber.toLowerCase(),
    sha256Fingerprint: createHash("sha256").update(new Uint8Array(leaf.rawData)).digest("hex"),
    sans: subjectAltNames(subjectAltName),
    keyAlgorithm: keyAlgorithm(leaf.publicKey.algorithm),
    chainNotAfter: Math.min(...chain.map((m) => m.notAfter)),
    chain,
  };
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
