// Origin CA certificates as the simulator serves them: `GET /certificates?zone_id=…`, paged with
// page/per_page, the PEM in every item and `expires_on` in Go's time.String() form by default,
// the one form on record (docs/cloudflare-api.md §B1), so the tolerant parser is what reads it.
import { rfc3339Seconds } from "../../clock/rfc3339.js";
import { mintCertificate, type MintedCertificate } from "../../../dev/simulator/mint.js";
import { failureEnvelope } from "../../../dev/simulator/envelope.js";
import { forbidden, pagedList } from "../../../dev/simulator/reply.js";
import { daysFrom, decimalSerial, validityOf, type ScenarioMinter } from "../../../dev/simulator/scenario-minting.js";
import { defineStoreSimulator } from "../../../dev/simulator/store-simulator.js";

export type OriginCaRequestType = "origin-rsa" | "origin-ecc" | "keyless-certificate";

/** An item of `GET /certificates?zone_id=…`, field names as Cloudflare spells them. */
export interface OriginCaCertificateItem {
  /** Opaque; here the certificate's serial number in decimal ("by its serial number"). */
  id: string;
  certificate: string;
  hostnames: string[];
  /** Absent when a spec leaves it out. */
  expires_on?: string | null;
  request_type: OriginCaRequestType;
  requested_validity: number;
  csr: string;
}

/** How `expires_on` is written: Go's "2039-08-14 12:00:00 +0000 UTC" (default), RFC 3339, or these bytes as they are (null: the field is null). */
export type OriginCaExpiresOnForm = "go" | "rfc3339" | { raw: string | null } | "absent";

export interface OriginCaCertificateSpec {
  /** Default the minted certificate's serial in decimal. */
  id?: string;
  hostnames: string[];
  /** notAfter = now + daysLeft; negative means already expired. */
  daysLeft: number;
  expiresOn?: OriginCaExpiresOnForm;
  /** Default "origin-ecc" (an ECDSA key; "origin-rsa" mints RSA, slower). */
  requestType?: OriginCaRequestType;
  /** Days; default 5475, Cloudflare's default (15 years). */
  requestedValidity?: number;
}

/** What this store adds to a zone spec. */
export interface OriginCaZoneSpec {
  originCaCertificates?: OriginCaCertificateSpec[];
  /** The token may not use the Origin CA API for this zone: every list answers 403 with code 1016. */
  originCaDenied?: boolean;
}

export interface OriginCaZoneData {
  originCaCertificates: OriginCaCertificateItem[];
  originCaDenied: boolean;
}

/** Seen when the credential may not use the Origin CA API (docs/cloudflare-api.md §B1; unconfirmed which status comes with it). */
const NOT_AUTHORIZED = failureEnvelope(1016, "User is not authorized to perform this action");

/** Go's time.Time.String() of a UTC instant: "2039-08-14 12:00:00 +0000 UTC". */
export function goTimeString(ms: number): string {
  return `${rfc3339Seconds(ms).slice(0, 19).replace("T", " ")} +0000 UTC`;
}

const ORIGIN_CA_NAME = "certwatch Sim Origin CA";
/**
 * The subject Origin CA certificates carry whatever their hostnames (they name them only as
 * SANs): a generic name, so the alert's context line (`hosts …`) is what tells them apart. [?]
 * Taken from issued certificates, not from the fact sheets.
 */
export const ORIGIN_CA_SUBJECT = "CloudFlare Origin Certificate";
const CSR_PLACEHOLDER = "-----BEGIN CERTIFICATE REQUEST-----\nc2ltdWxhdGVkIENTUg==\n-----END CERTIFICATE REQUEST-----\n";

// One simulated Origin CA per built state (the minter is one per state): minting a CA costs ~15 ms.
const originCas = new WeakMap<ScenarioMinter, Promise<MintedCertificate>>();

function originCaOf(minter: ScenarioMinter): Promise<MintedCertificate> {
  let ca = originCas.get(minter);
  if (!ca) {
    ca = mintCertificate({ commonName: ORIGIN_CA_NAME, notBefore: daysFrom(minter.now, -3650), notAfter: daysFrom(minter.now, 7300), isCA: true });
    originCas.set(minter, ca);
  }
  return ca;
}

export async function buildOriginCaCertificate(spec: OriginCaCertificateSpec, minter: ScenarioMinter): Promise<OriginCaCertificateItem> {
  const requestType = spec.requestType ?? "origin-ecc";
  const { notBefore, notAfter } = validityOf(spec.daysLeft, undefined, minter.now);
  const minted = await mintCertificate({
    commonName: ORIGIN_CA_SUBJECT,
    sans: spec.hostnames,
    notBefore,
    notAfter,
    keyAlgorithm: requestType === "origin-rsa" ? "rsa" : "ecdsa",
    issuer: await originCaOf(minter),
  });
  const item: OriginCaCertificateItem = {
    id: spec.id ?? decimalSerial(minted.serialHex),
    certificate: minted.pem,
    hostnames: [...spec.hostnames],
    request_type: requestType,
    requested_validity: spec.requestedValidity ?? 5475,
    csr: CSR_PLACEHOLDER,
  };
  const form = spec.expiresOn ?? "go";
  if (form === "go") item.expires_on = goTimeString(minted.notAfter.getTime());
  else if (form === "rfc3339") item.expires_on = rfc3339Seconds(minted.notAfter.getTime());
  else if (form !== "absent") item.expires_on = form.raw;
  return item;
}

const routes = {
  originCaCertificateList: "/certificates",
} as const;

export const originCaCertificateSimulator = defineStoreSimulator({
  routes,
  async build(spec: OriginCaZoneSpec, { minter }): Promise<OriginCaZoneData> {
    const originCaCertificates = await Promise.all((spec.originCaCertificates ?? []).map((item) => buildOriginCaCertificate(item, minter)));
    return { originCaCertificates, originCaDenied: spec.originCaDenied ?? false };
  },
  // The zone comes from the `zone_id` query parameter (dev/simulator/routes.ts, withQueryZone).
  answer(zone, { query }) {
    if (zone.originCaDenied) return forbidden(NOT_AUTHORIZED);
    return pagedList(zone.originCaCertificates, query);
  },
});
