// The simulator's whole world: plain JSON in Cloudflare's own response shapes, so a test can
// mutate a field and the next request serves exactly that.
import type {
  CertificatePackItem,
  CustomCertificateItem,
  CustomHostnameItem,
  OpenString,
  ZoneAopCertItem,
} from "./certificate-store-shapes.js";

export type * from "./certificate-store-shapes.js";

/** Trust-store status enum of the SDK ([SDK] `CustomTrustStore.status`). */
export type TrustStoreStatus = "initializing" | "pending_deployment" | "active" | "pending_deletion" | "deleted" | "expired";

/** The 7-value status enum shared by every authenticated-origin-pull resource. */
export type AopStatus =
  | "initializing"
  | "pending_deployment"
  | "pending_deletion"
  | "active"
  | "deleted"
  | "deployment_timed_out"
  | "deletion_timed_out";

/** An item of `GET /zones/:zone_id/acm/custom_trust_store`. */
export interface TrustStoreItem {
  id: string;
  certificate: string;
  issuer: string;
  signature: string;
  status: OpenString<TrustStoreStatus>;
  expires_on: string;
  uploaded_on: string;
  updated_at: string;
}

/** An item of `GET /zones/:zone_id/origin_tls_client_auth/hostnames/certificates` in the [SDK] shape. */
export interface HostnameCertItem {
  id: string;
  certificate: string;
  issuer: string;
  serial_number: string;
  signature: string;
  status: OpenString<AopStatus>;
  expires_on: string;
  uploaded_on: string;
}

/** `GET /zones/:zone_id/origin_tls_client_auth/hostnames/:hostname`; it has no `id` of its own. */
export interface HostnameAssociation {
  hostname: string;
  cert_id: string;
  /** `null` means the association was voided. */
  enabled: boolean | null;
  /** The association's deployment status. */
  status: OpenString<AopStatus>;
  /** The associated certificate's status. */
  cert_status: OpenString<AopStatus>;
  certificate: string;
  expires_on: string;
  issuer: string;
  serial_number: string;
  signature: string;
  created_at: string;
  updated_at: string;
  cert_uploaded_on: string;
  cert_updated_at: string;
}

/**
 * How the hostname-certificate list serialises its items. The sources disagree (api.md §3.4):
 * "sdk" serves HostnameCertItem as is; "association" serves the [S24]/[GO0] association-like
 * shape (cert_id, cert_status, cert_uploaded_on, ...) with no id/status/uploaded_on.
 */
export type HostnameCertListShape = "sdk" | "association";

/** The zone statuses of `GET /zones` (api.md §3.1). */
export type ZoneStatus = "initializing" | "pending" | "active" | "moved";

export interface ZoneAccount {
  /** 32 lowercase hex characters. */
  id: string;
  name: string;
}

/** The account zones belong to unless a scenario says otherwise (the fixtures' account). */
export const DEFAULT_ZONE_ACCOUNT: Readonly<ZoneAccount> = { id: "11112222333344445555666677778888", name: "Example Account" };

/**
 * Products the zone is entitled to. Without one, its routes answer 403 with the product's error
 * code even to a correct token (api.md §8). Absent means entitled.
 */
export interface ZoneEntitlements {
  /** Advanced Certificate Manager: the custom origin trust store. */
  trustStore?: boolean;
  /** Cloudflare for SaaS: custom hostnames. */
  customHostnames?: boolean;
}

export interface SimZone {
  /** 32 lowercase hex characters. */
  id: string;
  name: string;
  /** Default DEFAULT_ZONE_ACCOUNT. */
  account?: ZoneAccount;
  /** Default "active". */
  status?: OpenString<ZoneStatus>;
  /** When the zone was added (RFC 3339): its created_on and modified_on; activated_on is an hour later once it went active. */
  createdOn?: string;
  entitlements?: ZoneEntitlements;
  trustStore: TrustStoreItem[];
  hostnameCertificates: HostnameCertItem[];
  hostnameCertListShape: HostnameCertListShape;
  /** Keyed by hostname. */
  hostnameAssociations: Record<string, HostnameAssociation>;
  /** Zone-level authenticated origin pull certificates. */
  aopZoneCertificates: ZoneAopCertItem[];
  /** `GET …/origin_tls_client_auth/settings`: whether zone-level AOP presents its certificate. */
  aopZoneEnabled: boolean;
  customHostnames: CustomHostnameItem[];
  customCertificates: CustomCertificateItem[];
  certificatePacks: CertificatePackItem[];
}

export interface SimState {
  zones: SimZone[];
}

export function findZone(state: SimState, zoneId: string): SimZone | undefined {
  return state.zones.find((zone) => zone.id === zoneId);
}

/** Cloudflare writes RFC 3339 UTC timestamps without milliseconds in most places. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
