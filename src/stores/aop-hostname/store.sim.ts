// Hostname AOP associations as the simulator serves them: get-only, one hostname at a time; a
// hostname without one answers 404. The associations are built and kept with the hostname
// certificates they point at (aop-hostname-cert/store.sim.ts), whose list can serve them too.
import { rfc3339Seconds } from "../../clock/rfc3339.js";
import { ERROR_CODES, failureEnvelope } from "../../../dev/simulator/envelope.js";
import { ok } from "../../../dev/simulator/reply.js";
import { MINUTE_MS } from "../../../dev/simulator/scenario-minting.js";
import { defineStoreSimulator } from "../../../dev/simulator/store-simulator.js";
import type { OpenString } from "../../../dev/simulator/zone.js";
import type { AOP_STATUSES } from "../shared-statuses.js";

type AopStatus = (typeof AOP_STATUSES)[number];

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

export interface AssociationSpec {
  hostname: string;
  /** The `key` (or `cn`) of a hostname certificate of the same zone. */
  cert: string;
  /** Default true; null = voided association. */
  enabled?: boolean | null;
  /** The association's own status; default "active". */
  status?: string;
}

/** The listed certificate an association presents: aop-hostname-cert's item, named by shape so the two parts need not import each other. */
interface PresentedCertItem {
  id: string;
  certificate: string;
  issuer: string;
  serial_number: string;
  signature: string;
  status: HostnameAssociation["cert_status"];
  expires_on: string;
  uploaded_on: string;
}

export function buildAssociation(spec: AssociationSpec, cert: PresentedCertItem, now: Date): HostnameAssociation {
  const createdAt = Math.min(Date.parse(cert.uploaded_on) + 10 * MINUTE_MS, now.getTime());
  const updatedAt = Math.min(createdAt + 2 * MINUTE_MS, now.getTime());
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
    created_at: rfc3339Seconds(createdAt),
    updated_at: rfc3339Seconds(updatedAt),
    cert_uploaded_on: cert.uploaded_on,
    cert_updated_at: cert.uploaded_on,
  };
}

export const aopHostnameSimulator = defineStoreSimulator({
  routes: { hostnameAssociation: "/zones/:zone_id/origin_tls_client_auth/hostnames/:hostname" },
  build: (_spec: object): object => ({}),
  answer(zone: { hostnameAssociations: Record<string, HostnameAssociation> }, { params }) {
    const hostname = params.hostname ?? "";
    // hasOwn: a hostname such as "constructor" must not find Object.prototype members.
    const association = Object.hasOwn(zone.hostnameAssociations, hostname) ? zone.hostnameAssociations[hostname] : undefined;
    if (association) return ok({ ...association });
    return { status: 404, body: failureEnvelope(ERROR_CODES.unknownRoute, `No hostname association found for ${hostname}`) };
  },
});
