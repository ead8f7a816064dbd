import type { CertificateRecord } from "../model/index.js";

/** A CA counts when Cloudflare says it is active AND its PEM says it is valid now. */
export function isUsableCA(record: CertificateRecord, now: number): boolean {
  return record.status === "active" && record.parsed !== null && record.parsed.notBefore <= now && now < record.parsed.notAfter;
}

export function countValidCAs(trustStore: readonly CertificateRecord[], now: number): number {
  return trustStore.filter((r) => isUsableCA(r, now)).length;
}
