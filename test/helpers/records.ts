import type { CertificateRecord } from "../../src/model/index.js";
import type { SourceHealth } from "../../src/inventory/inventory.js";

export const DAY = 86_400_000;
export const NOW = Date.parse("2026-11-23T12:00:00Z");

export type RecordOverrides = Partial<CertificateRecord> & { notAfter?: number; notBefore?: number; chain?: Array<{ subjectCN: string; notAfter: number }> };

/** A parsed, active certificate record with 100 days left, changed by `overrides`. */
export function record(overrides: RecordOverrides = {}): CertificateRecord {
  const { notAfter = NOW + 100 * DAY, notBefore = NOW - 10 * DAY, chain = [], ...rest } = overrides;
  return {
    zoneId: "0123456789abcdef0123456789abcdef",
    zoneName: "zone.test",
    source: "aop_hostname_cert",
    certId: "cert-1",
    hostname: "",
    status: "active",
    apiExpiresOn: notAfter,
    pem: "pem",
    apiIssuer: null,
    attributes: {},
    parsed: {
      notBefore,
      notAfter,
      subjectCN: "svc.zone.test",
      issuerCN: "Test CA",
      serialHex: "01",
      sha256Fingerprint: "ff",
      sans: [],
      keyAlgorithm: "ECDSA-P-256",
      chainNotAfter: Math.min(notAfter, ...chain.map((c) => c.notAfter)),
      chain: [
        { subjectCN: "svc.zone.test", issuerCN: "Test CA", notBefore, notAfter },
        ...chain.map((c) => ({ subjectCN: c.subjectCN, issuerCN: "Root", notBefore, notAfter: c.notAfter })),
      ],
    },
    parseError: null,
    ...rest,
  };
}

export function health(overrides: Partial<SourceHealth> = {}): SourceHealth {
  return {
    zoneId: "0123456789abcdef0123456789abcdef",
    zoneName: "zone.test",
    source: "aop_hostname_cert",
    up: true,
    lastSuccessAt: NOW,
    lastAttemptAt: NOW,
    failingSince: null,
    lastError: null,
    unavailable: false,
    ...overrides,
  };
}
