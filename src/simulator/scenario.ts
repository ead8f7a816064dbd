// Declarative scenarios: a test says "a cert with 5 days left, status deployment_timed_out" and
// gets a SimState holding real minted PEMs with API metadata to match (or, on purpose, not).
import { randomBytes, randomUUID } from "node:crypto";
import { mintCertificate, mintChainBundle, type KeyAlgorithm, type MintedCertificate } from "./mint.js";
import {
  rfc3339,
  type HostnameAssociation,
  type HostnameCertItem,
  type HostnameCertListShape,
  type SimState,
  type SimZone,
  type TrustStoreItem,
} from "./state.js";

export { demoScenario, DEMO_CERT_IDS, DEMO_HOSTNAMES, DEMO_UNASSOCIATED_HOSTNAME, DEMO_ZONE_IDS } from "./demo-scenario.js";

/** A PEM frame around bytes that are not base64: what a corrupted upload looks like to a parser. */
export const GARBAGE_PEM = "-----BEGIN CERTIFICATE-----\nnot base64!!\n-----END CERTIFICATE-----\n";

export interface CertSpec {
  /** Name associations refer to this certificate by; defaults to `cn`. */
  key?: string;
  /** Fixed API id; a random UUID when absent. */
  id?: string;
  cn: string;
  /** notAfter = now + daysLeft; negative means already expired. */
  daysLeft: number;
  /** notBefore = now - daysOld; default 90 (pulled earlier if the certificate would end before it starts). */
  daysOld?: number;
  /** The status the API reports; default "active". */
  status?: string;
  /** What the API claims as `expires_on` (absolute, or relative to now); default the PEM's own notAfter. */
  apiExpiresOn?: string | Date | { daysLeft: number };
  keyAlgorithm?: KeyAlgorithm;
  sans?: string[];
  /** Serve leaf + intermediate, the intermediate expiring on its own date (hostname certificates only). */
  chain?: { intermediateDaysLeft: number };
  pem?: "garbage";
}

export interface AssociationSpec {
  hostname: string;
  /** The `key` (or `cn`) of a hostname certificate of the same zone. */
  cert: string;
  /** Default true; null = voided association. */
  enabled?: boolean | null;
  /** The association's own status; default "active". */
  status?: string;
}

export interface ZoneSpec {
  /** 32 lowercase hex; random when absent. */
  id?: string;
  name: string;
  trustStore?: CertSpec[];
  hostnameCertificates?: CertSpec[];
  /** Default "sdk". */
  hostnameCertListShape?: HostnameCertListShape;
  associations?: AssociationSpec[];
}

export interface Scenario {
  zones: ZoneSpec[];
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const DEFAULT_DAYS_OLD = 90;
const CLIENT_CA_NAME = "certwatch Sim Client CA";

function daysFrom(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

function validityOf(spec: CertSpec, now: Date): { notBefore: Date; notAfter: Date } {
  const notAfter = daysFrom(now, spec.daysLeft);
  let notBefore = daysFrom(now, -(spec.daysOld ?? DEFAULT_DAYS_OLD));
  if (notBefore >= notAfter) notBefore = daysFrom(notAfter, -DEFAULT_DAYS_OLD);
  return { notBefore, notAfter };
}

/** Upload bookkeeping: shortly after the certificate starts, never in the future. */
function uploadTimes(notBefore: Date, now: Date): { uploadedOn: Date; updatedAt: Date } {
  const cap = (ms: number) => new Date(Math.min(ms, now.getTime()));
  const uploadedOn = cap(notBefore.getTime() + 60 * MINUTE_MS);
  return { uploadedOn, updatedAt: cap(uploadedOn.getTime() + 5 * MINUTE_MS) };
}

function apiExpiry(spec: CertSpec, pemNotAfter: Date, now: Date): string {
  const claim = spec.apiExpiresOn;
  if (claim === undefined) return rfc3339(pemNotAfter);
  if (typeof claim === "string") return claim;
  return rfc3339(claim instanceof Date ? claim : daysFrom(now, claim.daysLeft));
}

/** Cloudflare reports serial numbers in decimal. */
function decimalSerial(serialHex: string): string {
  return BigInt(`0x${serialHex}`).toString(10);
}

interface MintedForApi {
  certificate: string;
  issuer: string;
  signature: string;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
}

async function mintForApi(spec: CertSpec, now: Date, issuer: MintedCertificate | undefined): Promise<MintedForApi> {
  const { notBefore, notAfter } = validityOf(spec, now);
  if (spec.pem === "garbage") {
    return {
      certificate: GARBAGE_PEM,
      issuer: issuer?.commonName ?? spec.cn,
      signature: issuer?.signature ?? "ECDSAWithSHA256",
      serialHex: randomBytes(16).toString("hex").replace(/^./, "4"),
      notBefore,
      notAfter,
    };
  }
  const leafSpec = { commonName: spec.cn, notBefore, notAfter, keyAlgorithm: spec.keyAlgorithm, sans: spec.sans };
  if (spec.chain) {
    const bundle = await mintChainBundle({
      leaf: leafSpec,
      intermediate: { notAfter: daysFrom(now, spec.chain.intermediateDaysLeft) },
      root: issuer,
    });
    const { leaf } = bundle;
    return { certificate: bundle.pem, issuer: leaf.issuerCommonName, signature: leaf.signature, ...pick(leaf) };
  }
  const minted = await mintCertificate({ ...leafSpec, isCA: issuer === undefined, issuer });
  return { certificate: minted.pem, issuer: minted.issuerCommonName, signature: minted.signature, ...pick(minted) };
}

function pick(minted: MintedCertificate): Pick<MintedForApi, "serialHex" | "notBefore" | "notAfter"> {
  return { serialHex: minted.serialHex, notBefore: minted.notBefore, notAfter: minted.notAfter };
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
    expires_on: apiExpiry(spec, minted.notAfter, now),
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
    expires_on: apiExpiry(spec, minted.notAfter, now),
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

async function buildZone(spec: ZoneSpec, now: Date, clientCa: MintedCertificate): Promise<SimZone> {
  const certSpecs = spec.hostnameCertificates ?? [];
  const [trustStore, hostnameCertificates] = await Promise.all([
    Promise.all((spec.trustStore ?? []).map((item) => buildTrustStoreItem(item, now))),
    Promise.all(certSpecs.map((item) => buildHostnameCertItem(item, now, clientCa))),
  ]);

  const certByKey = new Map<string, HostnameCertItem>();
  certSpecs.forEach((certSpec, index) => certByKey.set(certSpec.key ?? certSpec.cn, hostnameCertificates[index]!));

  const hostnameAssociations: Record<string, HostnameAssociation> = {};
  for (const association of spec.associations ?? []) {
    const cert = certByKey.get(association.cert);
    if (!cert) throw new Error(`zone ${spec.name}: association ${association.hostname} refers to unknown certificate "${association.cert}"`);
    hostnameAssociations[association.hostname] = buildAssociation(association, cert, now);
  }

  return {
    id: spec.id ?? randomBytes(16).toString("hex"),
    name: spec.name,
    trustStore,
    hostnameCertificates,
    hostnameCertListShape: spec.hostnameCertListShape ?? "sdk",
    hostnameAssociations,
  };
}

export async function buildState(scenario: Scenario, now: Date = new Date()): Promise<SimState> {
  // Hostname client certificates are issued by one CA per state, as a company's private client CA would.
  const clientCa = await mintCertificate({
    commonName: CLIENT_CA_NAME,
    notBefore: daysFrom(now, -365),
    notAfter: daysFrom(now, 3650),
    isCA: true,
  });
  const zones = await Promise.all(scenario.zones.map((zone) => buildZone(zone, now, clientCa)));
  return { zones };
}
