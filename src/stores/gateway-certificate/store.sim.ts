// Zero Trust Gateway certificates as the simulator serves them (docs/cloudflare-api.md §B5): one
// page, no parameters, each item a CA with its PEM, `binding_status` and `in_use`. No error is
// documented for an account without Zero Trust, so none is simulated: tests inject a 403.
import { createHash, X509Certificate } from "node:crypto";
import { rfc3339Seconds } from "../../clock/rfc3339.js";
import { defineAccountStoreSimulator } from "../../../dev/simulator/account-store-simulator.js";
import { successEnvelope } from "../../../dev/simulator/envelope.js";
import { randomUUID } from "../../../dev/simulator/object-ids.js";
import { apiExpiry, mintForApi, uploadTimes, type CertSpec, type ScenarioMinter } from "../../../dev/simulator/scenario-minting.js";
import type { OpenString } from "../../../dev/simulator/zone.js";

/** The SDK's `binding_status`, and [S24]'s older `active`. */
export type GatewayBindingStatus = "pending_deployment" | "available" | "pending_deletion" | "inactive" | "active";

/** An item of `GET /accounts/:account_id/gateway/certificates`, field names as the SDK spells them. */
export interface GatewayCertificateItem {
  /** A UUID. */
  id: string;
  binding_status: OpenString<GatewayBindingStatus>;
  certificate: string;
  created_at: string;
  expires_on: string;
  /** SHA-256, colon-separated uppercase hex as in the SDK's example. */
  fingerprint: string;
  in_use: boolean;
  issuer_org: string;
  issuer_raw: string;
  type: "custom" | "gateway_managed";
  updated_at: string;
  uploaded_on: string;
}

/** One CA of the scenario: a CertSpec (cn, daysLeft, apiExpiresOn, pem) plus Gateway's binding. */
export interface GatewayCertificateSpec extends Omit<CertSpec, "key" | "status" | "sans" | "chain"> {
  /** Default "available". */
  bindingStatus?: OpenString<GatewayBindingStatus>;
  /** Default: true while available (or active), false otherwise. */
  inUse?: boolean;
  /** Default "gateway_managed". */
  type?: "custom" | "gateway_managed";
}

export interface GatewayAccountSpec {
  gatewayCertificates?: GatewayCertificateSpec[];
}

export interface GatewayAccountData {
  gatewayCertificates: GatewayCertificateItem[];
}

const ISSUER_ORG = "certwatch simulator";

async function buildGatewayCertificate(spec: GatewayCertificateSpec, minter: ScenarioMinter): Promise<GatewayCertificateItem> {
  const { now } = minter;
  // Gateway's CAs are roots of their own: self-signed, as a Gateway-managed one is.
  const minted = await mintForApi(spec, now, undefined);
  const fingerprint = spec.pem === "garbage" ? createHash("sha256").update(minted.certificate).digest("hex").toUpperCase().replace(/(..)(?!$)/g, "$1:") : new X509Certificate(minted.certificate).fingerprint256;
  const bindingStatus = spec.bindingStatus ?? "available";
  const { uploadedOn, updatedAt } = uploadTimes(minted.notBefore, now);
  return {
    id: spec.id ?? randomUUID(),
    binding_status: bindingStatus,
    certificate: minted.certificate,
    created_at: rfc3339Seconds(uploadedOn.getTime()),
    expires_on: apiExpiry(spec.apiExpiresOn, minted.notAfter, now),
    fingerprint,
    in_use: spec.inUse ?? (bindingStatus === "available" || bindingStatus === "active"),
    issuer_org: ISSUER_ORG,
    issuer_raw: `O=${ISSUER_ORG},CN=${minted.issuer}`,
    type: spec.type ?? "gateway_managed",
    updated_at: rfc3339Seconds(updatedAt.getTime()),
    uploaded_on: rfc3339Seconds(uploadedOn.getTime()),
  };
}

const routes = {
  gatewayCertificateList: "/accounts/:account_id/gateway/certificates",
} as const;

export const gatewayCertificateSimulator = defineAccountStoreSimulator({
  routes,
  async build(spec: GatewayAccountSpec, { minter }): Promise<GatewayAccountData> {
    return { gatewayCertificates: await Promise.all((spec.gatewayCertificates ?? []).map((item) => buildGatewayCertificate(item, minter))) };
  },
  empty: () => ({ gatewayCertificates: [] }),
  // SinglePage (§B5): everything in one answer, result_info as the SDK's example has it.
  answer(account) {
    const result = account.gatewayCertificates.map((item) => structuredClone(item));
    return { status: 200, body: successEnvelope(result, { page: 1, per_page: Math.max(result.length, 20), count: result.length, total_count: result.length, total_pages: 1 }) };
  },
});
