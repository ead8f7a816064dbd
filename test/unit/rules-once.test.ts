// The rules every consumer asks (alerts, metrics, the check table, the status page), tested
// where they live: which date counts for a record, and which certificate AOP presents.
import { describe, expect, it } from "vitest";
import { isPresentedContentAlert } from "../../src/alerts/alert.js";
import { bySoonestExpiry, disagreeingApiExpiry, expiryDate, statedExpiry } from "../../src/evaluate/expiry.js";
import {
  isUnpresentedZoneCertificate,
  isWithheldAssociation,
  listedHostnamePems,
  presentedCertificateKey,
  presentingHostnames,
  presentsHostnameCertificate,
  presentsListedCertificate,
  unusedCertificateReason,
} from "../../src/evaluate/presented-certificate.js";
import { DAY, NOW, record } from "../helpers/records.js";

describe("which date counts for a record", () => {
  it("is the PEM's notAfter when it parses, whatever the API claims", () => {
    expect(expiryDate(record({ notAfter: NOW + 3 * DAY, apiExpiresOn: NOW + 90 * DAY }))).toEqual({ expiresAt: NOW + 3 * DAY, fromPem: true });
  });

  it("is the API's expires_on for an object Cloudflare exposes no PEM for", () => {
    expect(expiryDate(record({ parsed: null, pem: null, apiExpiresOn: NOW + DAY }))).toEqual({ expiresAt: NOW + DAY, fromPem: false });
  });

  it("is none beside a PEM that does not parse, though an alert still names the API's claim", () => {
    const unreadable = record({ parsed: null, parseError: "bad", apiExpiresOn: NOW + DAY });
    expect(expiryDate(unreadable)).toBeNull();
    expect(statedExpiry(unreadable)).toBe(NOW + DAY);
    expect(statedExpiry(record({ parsed: null, pem: null, apiExpiresOn: null }))).toBeNull();
  });

  it("flags an API date more than a day from the PEM's", () => {
    expect(disagreeingApiExpiry(record({ notAfter: NOW, apiExpiresOn: NOW + DAY }))).toBeNull();
    expect(disagreeingApiExpiry(record({ notAfter: NOW, apiExpiresOn: NOW + DAY + 1 }))).toBe(NOW + DAY + 1);
    expect(disagreeingApiExpiry(record({ parsed: null, pem: null, apiExpiresOn: NOW }))).toBeNull();
  });

  it("orders soonest first and undated last", () => {
    expect([null, NOW + DAY, NOW].sort(bySoonestExpiry)).toEqual([NOW, NOW + DAY, null]);
  });
});

describe("which certificate is presented", () => {
  const certificate = record({ source: "aop_hostname_cert", certId: "c1", pem: "PEM-1" });
  const association = (overrides: Parameters<typeof record>[0]) => record({ source: "aop_hostname", certId: "c1", hostname: "a.zone.test", ...overrides });

  it("an association presents the listed certificate of its zone with its cert id", () => {
    const listed = listedHostnamePems([certificate]);
    expect(presentsHostnameCertificate(association({}))).toBe(true);
    expect(presentsHostnameCertificate(association({ certId: "" }))).toBe(false);
    expect(presentsListedCertificate(association({ pem: "PEM-1" }), listed)).toBe(true);
    expect(presentsListedCertificate(association({ pem: null }), listed)).toBe(true);
    // A PEM of its own is a certificate of its own, judged on the association.
    expect(presentsListedCertificate(association({ pem: "PEM-2" }), listed)).toBe(false);
    expect(presentsListedCertificate(association({ zoneId: "other" }), listed)).toBe(false);
  });

  it("names the hostnames presenting each certificate", () => {
    const hostnames = presentingHostnames([certificate, association({ hostname: "a.zone.test" }), association({ hostname: "b.zone.test" }), association({ certId: "" })]);
    expect([...hostnames]).toEqual([[presentedCertificateKey(certificate.zoneId, "c1"), ["a.zone.test", "b.zone.test"]]]);
  });

  it("an association that is not enabled presents nothing; nor does the zone certificate while zone-level AOP is off", () => {
    expect(isWithheldAssociation(association({ attributes: { enabled: true } }))).toBe(false);
    expect(isWithheldAssociation(association({ attributes: { enabled: false } }))).toBe(true);
    expect(isWithheldAssociation(association({ attributes: { enabled: null } }))).toBe(true);
    expect(isUnpresentedZoneCertificate(record({ source: "aop_zone_cert", attributes: { zone_aop_enabled: false } }))).toBe(true);
    expect(isUnpresentedZoneCertificate(record({ source: "aop_zone_cert", attributes: {} }))).toBe(false);
  });

  it("says why a certificate is unused: a zone certificate while zone AOP is off, a Gateway CA while in_use is false; unknown is in use", () => {
    expect(unusedCertificateReason(record({ source: "aop_zone_cert", attributes: { zone_aop_enabled: false } }))).toMatch(/^Zone-level Authenticated Origin Pulls is disabled/);
    expect(unusedCertificateReason(record({ source: "aop_zone_cert", attributes: { zone_aop_enabled: null } }))).toBeNull();
    expect(unusedCertificateReason(record({ source: "gateway_certificate", attributes: { in_use: false } }))).toBe("Gateway TLS inspection does not use this certificate now (in_use is false).");
    expect(unusedCertificateReason(record({ source: "gateway_certificate", attributes: { in_use: true } }))).toBeNull();
    expect(unusedCertificateReason(record({ source: "gateway_certificate", attributes: { in_use: null } }))).toBeNull();
    expect(unusedCertificateReason(record({ source: "gateway_certificate", attributes: {} }))).toBeNull();
    // The flag means something only on a Gateway CA.
    expect(unusedCertificateReason(record({ source: "mtls_certificate", attributes: { in_use: false } }))).toBeNull();
  });

  it("a content alert of a hostname certificate holds for the associations presenting it; a status alert does not", () => {
    expect(isPresentedContentAlert({ alertname: "CertificateExpiringSoon", source: "aop_hostname_cert" })).toBe(true);
    expect(isPresentedContentAlert({ alertname: "CertificateNotActive", source: "aop_hostname_cert" })).toBe(false);
    expect(isPresentedContentAlert({ alertname: "CertificateExpiringSoon", source: "custom_certificate" })).toBe(false);
  });
});
