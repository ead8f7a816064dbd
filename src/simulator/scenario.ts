// Declarative scenarios: a test says "a cert with 5 days left, status deployment_timed_out" and
// gets a SimState holding real minted PEMs with API metadata to match (or, on purpose, not).
import { buildCustomHostname, type CustomHostnameSpec } from "./custom-hostname-scenario.js";
import { buildCertificatePack, buildCustomCertificate, type CertificatePackSpec, type CustomCertificateSpec } from "./edge-certificate-scenario.js";
import type { MintedCertificate } from "./mint.js";
import { randomHexId, randomUUID } from "./object-ids.js";
import { apiExpiry, daysFrom, decimalSerial, MINUTE_MS, mintForApi, ScenarioMinter, uploadTimes, type CertSpec } from "./scenario-minting.js";
import {
  DEFAULT_ZONE_ACCOUNT,
  rfc3339,
  type HostnameAssociation,
  type HostnameCertItem,
  type HostnameCertListShape,
  type SimState,
  type SimZone,
  type TrustStoreItem,
  type ZoneAccount,
  type ZoneAopCertItem,
  type ZoneEntitlements,
  type ZoneStatus,
} from "./state.js";

export {
  demoScenario,
  DEMO_CERT_IDS,
  DEMO_CUSTOM_HOSTNAMES,
  DEMO_HOSTNAMES,
  DEMO_UNASSOCIATED_HOSTNAME,
  DEMO_ZONE_IDS,
} from "./demo-scenario.js";
export { GARBAGE_PEM, type ApiExpiryClaim, type CertSpec } from "./scenario-minting.js";
export { bulkCustomHostnames, type BulkCustomHostnameOptions, type CustomHostnameSpec } from "./custom-hostname-scenario.js";
export type { CertificatePackSpec, CustomCertificateSpec, PackCertificateSpec } from "./edge-certificate-scenario.js";

export interface AssociationSpec {
  hostname: string;
  /** The `key` (or `cn`) of a hostname certificate of the same zone. */
  cert: string;
  /** Default true; null = voided association. */
  enabled?: boolean | null;
  /** The association's own status; default "active". */
  status?: string;
}

/** A zone-level AOP certificate: minted from the state's client CA like a hostname certificate; `id` defaults to 32 random hex. */
export interface ZoneAopCertSpec extends CertSpec {
  /** Served as `enabled` on the list item when set. */
  enabled?: boolean;
}

export interface ZoneSpec {
  /** 32 lowercase hex; random when absent. */
  id?: string;
  name: string;
  /** Default DEFAULT_ZONE_ACCOUNT. */
  account?: ZoneAccount;
  /** Default "active". */
  status?: ZoneStatus;
  /** Absent products are entitled. */
  entitlements?: ZoneEntitlements;
  trustStore?: CertSpec[];
  hostnameCertificates?: CertSpec[];
  /** Default "sdk". */
  hostnameCertListShape?: HostnameCertListShape;
  associations?: AssociationSpec[];
  aopZoneCertificates?: ZoneAopCertSpec[];
  /** Default true. */
  aopZoneEnabled?: boolean;
  customHostnames?: CustomHostnameSpec[];
  customCertificates?: CustomCertificateSpec[];
  certificatePacks?: CertificatePackSpec[];
}

export interface Scenario {
  zones: ZoneSpec[];
}

async function buildTrustStoreItem(spec: CertSpec, now: Date): Promise<TrustStoreItem> {
  if (spec.chain) throw new Error(`trust store entry ${spec.cn}: the trust store holds root CAs only, not chains`);
  // No issuer: trust-store entries are self-signed roots.
  const minted = await mintForApi(spec, now, undefined);
  const { uploadedOn, updatedAt } = uploadTimes(minted.notBefore, now);
  return {
    id: spec.id ?? randomUUID(),
    certificate: minted.certificate,
    issuer: minted.issuer,
    signature: minted.signature,
    status: spec.status ?? "active",
    expires_on: apiExpiry(spec.apiExpiresOn, minted.notAfter, now),
    uploaded_on: rfc3339(uploadedOn),
    updated_at: rfc3339(updatedAt),
  };
}

async function buildHostnameCertItem(spec: CertSpec, now: Date, clientCa: MintedCertificate): Promise<HostnameCertItem> {
  const minted = await mintForApi(spec, now, clientCa);
  return {
    id: spec.id ?? randomUUID(),
    certificate: minted.certificate,
    issuer: minted.issuer,
    serial_number: decimalSerial(minted.serialHex),
    signature: minted.signature,
    status: spec.status ?? "active",
    expires_on: apiExpiry(spec.apiExpiresOn, minted.notAfter, now),
    uploaded_on: rfc3339(uploadTimes(minted.notBefore, now).uploadedOn),
  };
}

function buildAssociation(spec: AssociationSpec, cert: HostnameCertItem, now: Date): HostnameAssociation {
  const createdAt = new Date(Math.min(Date.parse(cert.uploaded_on) + 10 * MINUTE_MS, now.getTime()));
  const updatedAt = new Date(Math.min(createdAt.getTime() + 2 * MINUTE_MS, now.getTime()));
  return {
    hostname: spec.hostname,
    cert_id: cert.id,
    enabled: spec.enabled === undefined ? true : spec.enabled,
    status: spec.status ?? "active",
    cert_status: cert.status,
    certificate: cert.certificate,
    expires_on: cert.expires_on,
    issuer: cert.issuer,
    serial_number: cert.serial_number,
    signature: cert.signature,
    created_at: rfc3339(createdAt),
    updated_at: rfc3339(updatedAt),
    cert_uploaded_on: cert.uploaded_on,
    cert_updated_at: cert.uploaded_on,
  };
}

async function buildZoneAopCertItem(spec: ZoneAopCertSpec, now: Date, clientCa: MintedCertificate): Promise<ZoneAopCertItem> {
  const minted = await mintForApi(spec, now, clientCa);
  const item: ZoneAopCertItem = {
    id: spec.id ?? randomHexId(),
    certificate: minted.certificate,
    issuer: minted.issuer,
    signature: minted.signature,
    status: spec.status ?? "active",
    expires_on: apiExpiry(spec.apiExpiresOn, minted.notAfter, now),
    uploaded_on: rfc3339(uploadTimes(minted.notBefore, now).uploadedOn),
  };
  if (spec.enabled !== undefined) item.enabled = spec.enabled;
  return item;
}

function linkAssociations(spec: ZoneSpec, hostnameCertificates: HostnameCertItem[], now: Date): Record<string, HostnameAssociation> {
  const certByKey = new Map<string, HostnameCertItem>();
  (spec.hostnameCertificates ?? []).forEach((certSpec, index) => certByKey.set(certSpec.key ?? certSpec.cn, hostnameCertificates[index]!));

  const hostnameAssociations: Record<string, HostnameAssociation> = {};
  for (const association of spec.associations ?? []) {
    const cert = certByKey.get(association.cert);
    if (!cert) throw new Error(`zone ${spec.name}: association ${association.hostname} refers to unknown certificate "${association.cert}"`);
    hostnameAssociations[association.hostname] = buildAssociation(association, cert, now);
  }
  return hostnameAssociations;
}

async function buildZone(spec: ZoneSpec, minter: ScenarioMinter): Promise<SimZone> {
  const { now, clientCa } = minter;
  const id = spec.id ?? randomHexId();
  const [trustStore, hostnameCertificates, aopZoneCertificates, customHostnames, customCertificates] = await Promise.all([
    Promise.all((spec.trustStore ?? []).map((item) => buildTrustStoreItem(item, now))),
    Promise.all((spec.hostnameCertificates ?? []).map((item) => buildHostnameCertItem(item, now, clientCa))),
    Promise.all((spec.aopZoneCertificates ?? []).map((item) => buildZoneAopCertItem(item, now, clientCa))),
    Promise.all((spec.customHostnames ?? []).map((item) => buildCustomHostname(item, minter))),
    Promise.all((spec.customCertificates ?? []).map((item, index) => buildCustomCertificate(item, index + 1, id, minter))),
  ]);

  const zone: SimZone = {
    id,
    name: spec.name,
    account: { ...(spec.account ?? DEFAULT_ZONE_ACCOUNT) },
    status: spec.status ?? "active",
    createdOn: rfc3339(daysFrom(now, -730)),
    trustStore,
    hostnameCertificates,
    hostnameCertListShape: spec.hostnameCertListShape ?? "sdk",
    hostnameAssociations: linkAssociations(spec, hostnameCertificates, now),
    aopZoneCertificates,
    aopZoneEnabled: spec.aopZoneEnabled ?? true,
    customHostnames,
    customCertificates,
    certificatePacks: (spec.certificatePacks ?? []).map((pack) => buildCertificatePack(pack, id, now)),
  };
  if (spec.entitlements) zone.entitlements = { ...spec.entitlements };
  return zone;
}

export async function buildState(scenario: Scenario, now: Date = new Date()): Promise<SimState> {
  const minter = await ScenarioMinter.create(now);
  const zones = await Promise.all(scenario.zones.map((zone) => buildZone(zone, minter)));
  return { zones };
}
