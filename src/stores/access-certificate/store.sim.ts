// Zero Trust Access mTLS root certificates as the simulator serves them (docs/cloudflare-api.md
// §B4), on an account and on a zone: page-based lists of metadata, never a PEM, so nothing is
// minted. Without Access, both answer the "not enabled" error of §B4. Its HTTP status is not on
// record: 400 is chosen, the status Cloudflare gives its other `success: false` answers to a
// valid request it will not serve, so the store must recognise the code, not the status.
import { createHash } from "node:crypto";
import { rfc3339Seconds } from "../../clock/rfc3339.js";
import { defineAccountStoreSimulator } from "../../../dev/simulator/account-store-simulator.js";
import { failureEnvelope } from "../../../dev/simulator/envelope.js";
import { derivedUuid, randomUUID } from "../../../dev/simulator/object-ids.js";
import { pagedList, type JsonReply } from "../../../dev/simulator/reply.js";
import { daysFrom, type ScenarioMinter } from "../../../dev/simulator/scenario-minting.js";
import { defineStoreSimulator } from "../../../dev/simulator/store-simulator.js";

/** An item of `GET /{accounts|zones}/:id/access/certificates`, field names as the SDK spells them. */
export interface AccessCertificateItem {
  /** A UUID. */
  id: string;
  name: string;
  /** "MD5 Fingerprint=1E:80:…", as in the SDK's example. */
  fingerprint: string;
  associated_hostnames: string[];
  /** RFC 3339; a spec may serve anything, or null, to test what the store skips. */
  expires_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface AccessCertificateSpec {
  /** A UUID; random when absent (accessCertificateId gives a stable one). */
  id?: string;
  name: string;
  /** expires_on = now + daysLeft; negative means already expired. */
  daysLeft: number;
  associatedHostnames?: string[];
  /** Serve this as `expires_on` instead (e.g. "soon", or null). */
  expiresOn?: string | null;
}

/** What this store adds to an account spec, and to a zone spec (its zone-level certificates). */
export interface AccessSpec {
  accessCertificates?: AccessCertificateSpec[];
  /** Default true; false: every Access list answers the "not enabled" error (code 9999). */
  accessEnabled?: boolean;
}

export interface AccessData {
  accessCertificates: AccessCertificateItem[];
  accessEnabled: boolean;
}

/** §B4's wording, its dashboard link elided there as here. */
export const ACCESS_NOT_ENABLED: JsonReply = {
  status: 400,
  body: failureEnvelope(9999, "access.api.error.not_enabled: Access is not enabled. Visit the Access dashboard at https://dash.cloudflare.com/ to enable Access."),
};

function md5Fingerprint(seed: string): string {
  const hex = createHash("md5").update(seed).digest("hex").toUpperCase();
  return `MD5 Fingerprint=${hex.match(/../g)!.join(":")}`;
}

function buildAccessCertificate(spec: AccessCertificateSpec, owner: string, now: Date): AccessCertificateItem {
  const id = spec.id ?? randomUUID();
  const created = rfc3339Seconds(daysFrom(now, -30).getTime());
  return {
    id,
    name: spec.name,
    fingerprint: md5Fingerprint(`${owner}/${id}`),
    associated_hostnames: [...(spec.associatedHostnames ?? [])],
    expires_on: spec.expiresOn !== undefined ? spec.expiresOn : rfc3339Seconds(daysFrom(now, spec.daysLeft).getTime()),
    created_at: created,
    updated_at: created,
  };
}

function buildAccess(spec: AccessSpec, owner: string, minter: ScenarioMinter): AccessData {
  return {
    accessCertificates: (spec.accessCertificates ?? []).map((item) => buildAccessCertificate(item, owner, minter.now)),
    accessEnabled: spec.accessEnabled ?? true,
  };
}

function answerList(data: AccessData, query: URLSearchParams): JsonReply {
  return data.accessEnabled ? pagedList(data.accessCertificates, query) : ACCESS_NOT_ENABLED;
}

const zoneRoutes = {
  accessCertificateZoneList: "/zones/:zone_id/access/certificates",
} as const;

const accountRoutes = {
  accessCertificateAccountList: "/accounts/:account_id/access/certificates",
} as const;

/** The zone-level list; a zone's `accessEnabled` stands for its account's Zero Trust. */
export const accessCertificateSimulator = defineStoreSimulator({
  routes: zoneRoutes,
  build: (spec: AccessSpec, { zoneId, minter }): AccessData => buildAccess(spec, zoneId, minter),
  answer: (zone, { query }) => answerList(zone, query),
});

export const accessCertificateAccountSimulator = defineAccountStoreSimulator({
  routes: accountRoutes,
  build: (spec: AccessSpec, { accountId, minter }): AccessData => buildAccess(spec, accountId, minter),
  empty: (): AccessData => ({ accessCertificates: [], accessEnabled: true }),
  answer: (account, { query }) => answerList(account, query),
});

/** A stable UUID for a scenario that names its certificates (e.g. the demo). */
export function accessCertificateId(seed: string): string {
  return derivedUuid(`access-certificate:${seed}`);
}
