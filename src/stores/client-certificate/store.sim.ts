// API Shield client certificates as the simulator serves them: a page-based list filtered by
// `status`, and get by id. Each certificate is minted by a stand-in for the Cloudflare-managed
// CA of the account, its PEM in the list as the SDK's `ClientCertificate` has it. Cloudflare
// documents no error for a zone without API Shield (docs/cloudflare-api.md §B2): a zone without
// client certificates answers an empty list here, and tests inject a 403 as a fault.
import { createHash, X509Certificate } from "node:crypto";
import { rfc3339Seconds } from "../../clock/rfc3339.js";
import { mintCertificate, type MintedCertificate } from "../../../dev/simulator/mint.js";
import { randomHexId } from "../../../dev/simulator/object-ids.js";
import { badRequest, byId, itemOrNotFound, pagedList } from "../../../dev/simulator/reply.js";
import { apiExpiry, daysFrom, mintForApi, type CertSpec, type ScenarioMinter } from "../../../dev/simulator/scenario-minting.js";
import { defineStoreSimulator } from "../../../dev/simulator/store-simulator.js";
import type { OpenString } from "../../../dev/simulator/zone.js";

/** The SDK's `ClientCertificate.status` enum. */
export type ClientCertificateStatus = "active" | "pending_reactivation" | "pending_revocation" | "revoked";

/** What the list's `status` filter accepts (the SDK's `ClientCertificateListParams.status`). */
const STATUS_FILTERS: ReadonlySet<string> = new Set(["all", "active", "pending_reactivation", "pending_revocation", "revoked"]);

/** An item of `GET /zones/:zone_id/client_certificates`, field names as the SDK spells them. */
export interface ClientCertificateItem {
  /** 32 hex characters (the schema's maxLength is 32). */
  id: string;
  certificate: string;
  certificate_authority: { id: string; name: string };
  common_name: string;
  country: string;
  state: string;
  location: string;
  organization: string;
  organizational_unit: string;
  csr: string;
  expires_on: string;
  issued_on: string;
  fingerprint_sha256: string;
  serial_number: string;
  signature: string;
  ski: string;
  status: OpenString<ClientCertificateStatus>;
  validity_days: number;
}

/** A client certificate of the scenario: the CertSpec fields that apply to a leaf the managed CA issues. */
export type ClientCertificateSpec = Omit<CertSpec, "key" | "chain" | "sans">;

/** The CA's name as the SDK's example gives it. */
const MANAGED_CA_NAME = "Cloudflare Managed CA for account";
const MANAGED_CA_ID = "568b6b74-7b0c-4755-8840-4e3b8c24adeb";

/** One managed CA per built state, minted on first use. */
const managedCas = new WeakMap<ScenarioMinter, Promise<MintedCertificate>>();

function managedCa(minter: ScenarioMinter): Promise<MintedCertificate> {
  let ca = managedCas.get(minter);
  if (!ca) {
    ca = mintCertificate({ commonName: MANAGED_CA_NAME, notBefore: daysFrom(minter.now, -365), notAfter: daysFrom(minter.now, 3650), isCA: true });
    managedCas.set(minter, ca);
  }
  return ca;
}

/** Lowercase hex without colons, as the SDK's example writes fingerprints and SKIs. */
function hexOf(colonHex: string | undefined): string {
  return (colonHex ?? "").replaceAll(":", "").toLowerCase();
}

async function buildClientCertificate(spec: ClientCertificateSpec, minter: ScenarioMinter): Promise<ClientCertificateItem> {
  const { now } = minter;
  const minted = await mintForApi(spec, now, await managedCa(minter));
  let fingerprint = createHash("sha256").update(minted.certificate).digest("hex");
  let ski = "";
  if (spec.pem !== "garbage") {
    const x509 = new X509Certificate(minted.certificate);
    fingerprint = hexOf(x509.fingerprint256);
    // A stand-in: the SHA-1 of the public key, the shape (not necessarily the value) of the certificate's SKI.
    ski = createHash("sha1").update(x509.publicKey.export({ type: "spki", format: "der" })).digest("hex");
  }
  return {
    id: spec.id ?? randomHexId(),
    certificate: minted.certificate,
    certificate_authority: { id: MANAGED_CA_ID, name: MANAGED_CA_NAME },
    common_name: spec.cn,
    country: "US",
    state: "CA",
    location: "San Francisco",
    organization: "Example Inc.",
    organizational_unit: "Devices",
    csr: "-----BEGIN CERTIFICATE REQUEST-----\n(simulated)\n-----END CERTIFICATE REQUEST-----\n",
    expires_on: apiExpiry(spec.apiExpiresOn, minted.notAfter, now),
    issued_on: rfc3339Seconds(minted.notBefore.getTime()),
    fingerprint_sha256: fingerprint,
    serial_number: minted.serialHex,
    signature: minted.signature,
    ski,
    status: spec.status ?? "active",
    validity_days: Math.round((minted.notAfter.getTime() - minted.notBefore.getTime()) / 86_400_000),
  };
}

const routes = {
  clientCertificateList: "/zones/:zone_id/client_certificates",
  clientCertificateItem: "/zones/:zone_id/client_certificates/:client_certificate_id",
} as const;

export const clientCertificateSimulator = defineStoreSimulator({
  routes,
  async build(spec: { clientCertificates?: ClientCertificateSpec[] }, { minter }): Promise<{ clientCertificates: ClientCertificateItem[] }> {
    return { clientCertificates: await Promise.all((spec.clientCertificates ?? []).map((item) => buildClientCertificate(item, minter))) };
  },
  answer(zone, { template, params, path, query }) {
    if (template === routes.clientCertificateItem) return itemOrNotFound(byId(zone.clientCertificates, params.client_certificate_id ?? ""), path);
    const status = query.get("status");
    if (status !== null && !STATUS_FILTERS.has(status)) return badRequest(`status must be one of ${[...STATUS_FILTERS].join(", ")}`);
    // What the list holds without `status` is undocumented; here only active certificates, which
    // is why certwatch sends status=all: a certificate pending revocation must not vanish unseen.
    const wanted = status ?? "active";
    return pagedList(wanted === "all" ? zone.clientCertificates : zone.clientCertificates.filter((cert) => cert.status === wanted), query);
  },
});
