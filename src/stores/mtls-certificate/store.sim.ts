// The account mTLS certificate store as the simulator serves it (docs/cloudflare-api.md §B3): one
// page, no paging parameters, an optional `type` filter, the PEM in each item's `certificates`.
// A spec's `chain` makes that field a bundle of two blocks, since §B3 does not know whether
// Cloudflare ever sends more than one.
import { rfc3339Seconds } from "../../clock/rfc3339.js";
import { defineAccountStoreSimulator } from "../../../dev/simulator/account-store-simulator.js";
import { successEnvelope } from "../../../dev/simulator/envelope.js";
import { randomHexId } from "../../../dev/simulator/object-ids.js";
import type { JsonReply } from "../../../dev/simulator/reply.js";
import { apiExpiry, decimalSerial, mintForApi, uploadTimes, type CertSpec, type ScenarioMinter } from "../../../dev/simulator/scenario-minting.js";
import type { OpenString } from "../../../dev/simulator/zone.js";

export type MtlsCertificateType = "custom" | "gateway_managed" | "access_managed";

/** An item of `GET /accounts/:account_id/mtls_certificates`, field names as the SDK spells them. */
export interface MtlsCertificateItem {
  /** 32 hex characters. */
  id: string;
  ca: boolean;
  certificates: string;
  expires_on: string;
  issuer: string;
  name: string;
  /** Decimal, as in the SDK's example. */
  serial_number: string;
  signature: string;
  type: OpenString<MtlsCertificateType>;
  uploaded_on: string;
}

/**
 * One certificate of the scenario: a CertSpec (cn, daysLeft, apiExpiresOn, chain, pem) plus what
 * this store adds. A CA (the default) is self-signed; a leaf is issued by the state's client CA.
 */
export interface MtlsCertificateSpec extends Omit<CertSpec, "key" | "status" | "sans"> {
  /** Default "<cn> mTLS". */
  name?: string;
  /** Default true: the store is mostly BYO CAs. */
  ca?: boolean;
  /** Default "custom". */
  type?: OpenString<MtlsCertificateType>;
}

export interface MtlsAccountSpec {
  mtlsCertificates?: MtlsCertificateSpec[];
  /**
   * Cut the one answer to this many items and say so in result_info (page 1 of N): what a server
   * capping a SinglePage list would send, which §B3 cannot rule out. Absent: everything, one page.
   */
  mtlsPageSize?: number;
}

export interface MtlsAccountData {
  mtlsCertificates: MtlsCertificateItem[];
  mtlsPageSize: number | null;
}

/** As the SDK's example writes an issuer: RDNs joined by commas. */
function issuerString(issuerCommonName: string): string {
  return `CN=${issuerCommonName},O=certwatch simulator`;
}

async function buildMtlsCertificate(spec: MtlsCertificateSpec, minter: ScenarioMinter): Promise<MtlsCertificateItem> {
  const { now } = minter;
  const ca = spec.ca ?? true;
  const minted = await mintForApi(spec, now, ca && !spec.chain ? undefined : minter.clientCa);
  return {
    id: spec.id ?? randomHexId(),
    ca,
    certificates: minted.certificate,
    expires_on: apiExpiry(spec.apiExpiresOn, minted.notAfter, now),
    issuer: issuerString(minted.issuer),
    name: spec.name ?? `${spec.cn} mTLS`,
    serial_number: decimalSerial(minted.serialHex),
    signature: minted.signature,
    type: spec.type ?? "custom",
    uploaded_on: rfc3339Seconds(uploadTimes(minted.notBefore, now).uploadedOn.getTime()),
  };
}

/** `type` takes one or more values, comma-separated (§B3). */
function typeFilter(query: URLSearchParams): ((item: MtlsCertificateItem) => boolean) | null {
  const wanted = query.getAll("type").flatMap((value) => value.split(",")).filter(Boolean);
  return wanted.length ? (item) => wanted.includes(item.type) : null;
}

function singlePage(items: MtlsCertificateItem[], pageSize: number | null): JsonReply {
  const size = pageSize ?? Math.max(items.length, 50);
  const result = items.slice(0, size).map((item) => structuredClone(item));
  const resultInfo = { page: 1, per_page: size, count: result.length, total_count: items.length, total_pages: Math.max(1, Math.ceil(items.length / size)) };
  return { status: 200, body: successEnvelope(result, resultInfo) };
}

const routes = {
  mtlsCertificateList: "/accounts/:account_id/mtls_certificates",
} as const;

export const mtlsCertificateSimulator = defineAccountStoreSimulator({
  routes,
  async build(spec: MtlsAccountSpec, { minter }): Promise<MtlsAccountData> {
    const mtlsCertificates = await Promise.all((spec.mtlsCertificates ?? []).map((item) => buildMtlsCertificate(item, minter)));
    return { mtlsCertificates, mtlsPageSize: spec.mtlsPageSize ?? null };
  },
  empty: () => ({ mtlsCertificates: [], mtlsPageSize: null }),
  // No paging parameters (§B3): `page` and `per_page` are ignored, as the SDK never sends them.
  answer(account, { query }) {
    const filter = typeFilter(query);
    return singlePage(filter ? account.mtlsCertificates.filter(filter) : account.mtlsCertificates, account.mtlsPageSize);
  },
});
