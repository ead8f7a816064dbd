// Which certificate Cloudflare presents to an origin under Authenticated Origin Pulls, the one
// place that says it. Three stores are involved:
//   - an `aop_hostname` association presents the `aop_hostname_cert` of its zone with the same
//     cert id: it carries that certificate's PEM, so the certificate's content (dates, chain,
//     PEM) is the association's too, judged once on the certificate record;
//   - an association whose PEM differs from the listed certificate's presents a certificate of
//     its own, judged on the association;
//   - an association presents nothing while it is not enabled (`enabled: false`, or `null`:
//     voided by Cloudflare);
//   - the zone certificate (`aop_zone_cert`) is presented only while zone-level AOP is enabled.
// Beyond AOP, a Gateway CA (`gateway_certificate`) signs nothing while Gateway says it is not in
// use. The alert rules, the `certwatch check` table and the status page ask these functions.
import type { CertificateRecord } from "../model/index.js";

type CertificateRef = Pick<CertificateRecord, "source" | "zoneId" | "certId">;

/** The identity an association and the certificate it presents share: zone and cert id. */
export function presentedCertificateKey(zoneId: string, certId: string): string {
  return `${zoneId}\u0000${certId}`;
}

/** True for an AOP hostname association that names a certificate: it presents the `aop_hostname_cert` of its zone with that cert id. */
export function presentsHostnameCertificate(record: Pick<CertificateRef, "source" | "certId">): boolean {
  return record.source === "aop_hostname" && record.certId !== "";
}

/** True for the records associations present: a content alert raised on one holds for them too. */
export function isPresentableCertificate(source: string): boolean {
  return source === "aop_hostname_cert";
}

/**
 * Whether an association presents exactly the listed certificate: it carries the listed PEM, or
 * no PEM of its own. Its content then alerts once, on the certificate record. `listedPems`:
 * the PEM of each `aop_hostname_cert` by presentedCertificateKey (listedHostnamePems).
 */
export function presentsListedCertificate(record: CertificateRecord, listedPems: ReadonlyMap<string, string | null>): boolean {
  if (!presentsHostnameCertificate(record)) return false;
  const key = presentedCertificateKey(record.zoneId, record.certId);
  return listedPems.has(key) && (record.pem === null || listedPems.get(key) === record.pem);
}

/** The PEM of every listed hostname certificate, by presentedCertificateKey. */
export function listedHostnamePems(records: readonly CertificateRecord[]): Map<string, string | null> {
  const pems = new Map<string, string | null>();
  for (const r of records) if (isPresentableCertificate(r.source)) pems.set(presentedCertificateKey(r.zoneId, r.certId), r.pem);
  return pems;
}

/** The hostnames presenting each certificate, by presentedCertificateKey (an alert names them). */
export function presentingHostnames(records: readonly CertificateRecord[]): Map<string, string[]> {
  const hostnames = new Map<string, string[]>();
  for (const r of records) {
    if (!presentsHostnameCertificate(r)) continue;
    const key = presentedCertificateKey(r.zoneId, r.certId);
    const known = hostnames.get(key);
    if (known) known.push(r.hostname);
    else hostnames.set(key, [r.hostname]);
  }
  return hostnames;
}

/** An AOP hostname association that is not enabled (false, or null when Cloudflare voided it): it presents no certificate to the origin. */
export function isWithheldAssociation(record: Pick<CertificateRecord, "source" | "attributes">): boolean {
  return record.source === "aop_hostname" && record.attributes.enabled !== true;
}

/** A zone certificate while zone-level AOP is disabled: Cloudflare does not present it, so it cannot break a connection. Unknown counts as enabled. */
export function isUnpresentedZoneCertificate(record: Pick<CertificateRecord, "source" | "attributes">): boolean {
  return record.source === "aop_zone_cert" && record.attributes.zone_aop_enabled === false;
}

/**
 * Why Cloudflare does not use this certificate now, as the sentence its expiry alerts add, or
 * null while it may be in use. Such a certificate cannot break a connection, so its expiry
 * alerts warn and never page. Unknown (a missing or unreadable flag) counts as in use.
 */
export function unusedCertificateReason(record: Pick<CertificateRecord, "source" | "attributes">): string | null {
  if (isUnpresentedZoneCertificate(record)) return "Zone-level Authenticated Origin Pulls is disabled, so Cloudflare does not present this certificate now.";
  if (record.source === "gateway_certificate" && record.attributes.in_use === false) return "Gateway TLS inspection does not use this certificate now (in_use is false).";
  return null;
}
