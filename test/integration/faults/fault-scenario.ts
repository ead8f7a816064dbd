// The fault matrix's one zone: its scenario, the endpoints it serves, and the mutators cases use
// to bend the simulator's answers.
import type { SourceName } from "../../../src/model/index.js";
import type { Fault } from "../../../dev/simulator/faults.js";
import type { Scenario } from "../../../dev/simulator/scenario.js";
export const ZONE = "fa0175fa0175fa0175fa0175fa0175fa";
export const ZONE_NAME = "faults.test";
export const HOSTNAMES = ["a.faults.test", "b.faults.test"] as const;

/** The endpoint templates certwatch polls (the `endpoint` label of certwatch_api_requests_total). */
export const EP = {
  trustStore: "/zones/:zone_id/acm/custom_trust_store",
  hostnameCerts: "/zones/:zone_id/origin_tls_client_auth/hostnames/certificates",
  association: "/zones/:zone_id/origin_tls_client_auth/hostnames/:hostname",
  zoneAopList: "/zones/:zone_id/origin_tls_client_auth",
  zoneAopSettings: "/zones/:zone_id/origin_tls_client_auth/settings",
  customHostnames: "/zones/:zone_id/custom_hostnames",
  customCertificates: "/zones/:zone_id/custom_certificates",
  certificatePacks: "/zones/:zone_id/ssl/certificate_packs",
  clientCertificates: "/zones/:zone_id/client_certificates",
  /** Origin CA: the zone is the `zone_id` query parameter. */
  originCa: "/certificates",
} as const;
export type Endpoint = (typeof EP)[keyof typeof EP];

export const SOURCE_OF: Record<Endpoint, SourceName> = {
  [EP.trustStore]: "trust_store",
  [EP.hostnameCerts]: "aop_hostname_cert",
  [EP.association]: "aop_hostname",
  [EP.zoneAopList]: "aop_zone_cert",
  [EP.zoneAopSettings]: "aop_zone_cert",
  [EP.customHostnames]: "custom_hostname",
  [EP.customCertificates]: "custom_certificate",
  [EP.certificatePacks]: "certificate_pack",
  [EP.clientCertificates]: "client_certificate",
  [EP.originCa]: "origin_ca_certificate",
};

/** Short names for case titles. */
export const EP_NAME: Record<Endpoint, string> = {
  [EP.trustStore]: "trust_store list",
  [EP.hostnameCerts]: "aop_hostname_cert list",
  [EP.association]: "aop_hostname association",
  [EP.zoneAopList]: "aop_zone_cert list",
  [EP.zoneAopSettings]: "aop_zone_cert settings",
  [EP.customHostnames]: "custom_hostname list",
  [EP.customCertificates]: "custom_certificate list",
  [EP.certificatePacks]: "certificate_pack list",
  [EP.clientCertificates]: "client_certificate list",
  [EP.originCa]: "origin_ca_certificate list",
};

export const ALL_ENDPOINTS = Object.values(EP) as Endpoint[];

/** The ids the scenario gives every object, as they appear in `cert_id`. */
export const IDS = {
  ca1: "c0ffee01-1111-4aaa-8bbb-000000000001",
  ca2: "c0ffee01-1111-4aaa-8bbb-000000000002",
  hc1: "hc000001-2222-4ccc-8ddd-000000000001",
  /** 20 days left: CertificateExpiringSoon (warning) fires in every baseline. */
  hc2: "hc000002-2222-4ccc-8ddd-000000000002",
  zc1: "0a0a0a0a0b0b0b0b0c0c0c0c0d0d0d0d",
  chCustom: "cafe0001-3333-4eee-8fff-000000000001",
  chManaged: "cafe0002-3333-4eee-8fff-000000000002",
  cc1: "1c1c1c1c2d2d2d2d3e3e3e3e4f4f4f4f",
  pack1: "9ac00001-4444-4aaa-8bbb-000000000001",
  pc1: "5e5e5e5e6f6f6f6f7a7a7a7a8b8b8b8b",
  pc2: "5e5e5e5e6f6f6f6f7a7a7a7a8b8b8b8c",
  cl1: "c1c1c1c1d2d2d2d2e3e3e3e3f4f4f4f4",
  oca1: "328578533902268680212849205732770752308931942346",
} as const;

/** cert_id values each source exports in a good cycle. */
export const BASELINE_CERTS: Record<SourceName, string[]> = {
  trust_store: [IDS.ca1, IDS.ca2],
  aop_hostname_cert: [IDS.hc1, IDS.hc2],
  aop_hostname: [IDS.hc1, IDS.hc2],
  aop_zone_cert: [IDS.zc1],
  custom_hostname: [IDS.chCustom, IDS.chManaged],
  custom_certificate: [IDS.cc1],
  certificate_pack: [IDS.pc1, IDS.pc2],
  client_certificate: [IDS.cl1],
  origin_ca_certificate: [IDS.oca1],
  // Account stores, and Access, which a zone reads only when its sources name it: not this zone's.
  mtls_certificate: [],
  access_certificate: [],
  gateway_certificate: [],
};

export function faultScenario(): Scenario {
  return {
    zones: [
      {
        id: ZONE,
        name: ZONE_NAME,
        trustStore: [
          { id: IDS.ca1, cn: "Faults Root One", daysLeft: 900 },
          { id: IDS.ca2, cn: "Faults Root Two", daysLeft: 700 },
        ],
        hostnameCertificates: [
          { id: IDS.hc1, key: "one", cn: HOSTNAMES[0], daysLeft: 200 },
          { id: IDS.hc2, key: "two", cn: HOSTNAMES[1], daysLeft: 20 },
        ],
        associations: [
          { hostname: HOSTNAMES[0], cert: "one" },
          { hostname: HOSTNAMES[1], cert: "two" },
        ],
        aopZoneCertificates: [{ id: IDS.zc1, cn: "zone.faults.test", daysLeft: 300 }],
        customHostnames: [
          { id: IDS.chCustom, hostname: "shop.customer.test", kind: "custom", daysLeft: 120 },
          { id: IDS.chManaged, hostname: "app.customer.test", kind: "managed", daysLeft: 60 },
        ],
        customCertificates: [{ id: IDS.cc1, hosts: ["legacy.faults.test"], daysLeft: 150 }],
        certificatePacks: [
          {
            id: IDS.pack1,
            hosts: ["faults.test", "*.faults.test"],
            certificates: [
              { id: IDS.pc1, daysLeft: 80 },
              { id: IDS.pc2, daysLeft: 79 },
            ],
          },
        ],
        clientCertificates: [{ id: IDS.cl1, cn: "device-1.faults.test", daysLeft: 250 }],
        originCaCertificates: [{ id: IDS.oca1, hostnames: ["faults.test", "*.faults.test"], daysLeft: 400 }],
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Envelope surgery for `mutate` faults.

export type Json = Record<string, unknown>;
export type Envelope = Json & { success?: unknown; result?: unknown; result_info?: unknown };

/** A mutate that changes the envelope in place (or returns a replacement body). */
export function envelope(edit: (body: Envelope) => unknown): Fault["mutate"] {
  return (body) => {
    const replaced = edit(body as Envelope);
    return replaced === undefined ? body : replaced;
  };
}

/** The list items of an envelope (the result array), or [] for anything else. */
export function itemsOf(body: Envelope): Json[] {
  return Array.isArray(body.result) ? (body.result as Json[]) : [];
}

/** The item whose `id` (or, for certificate packs, one of whose certificates' id) is `id`. */
export function itemWithId(body: Envelope, id: string): Json {
  const item = itemsOf(body).find((i) => i.id === id || i.cert_id === id);
  if (!item) throw new Error(`no item ${id} in ${JSON.stringify(body).slice(0, 300)}`);
  return item;
}

/** Changes one item of a list answer. */
export function editItem(id: string, edit: (item: Json) => void): Fault["mutate"] {
  return envelope((body) => {
    edit(itemWithId(body, id));
  });
}

/** Where each endpoint's items keep their PEM. */
export function setPem(endpoint: Endpoint, item: Json, pem: string): void {
  if (endpoint === EP.customHostnames) (item.ssl as Json).custom_certificate = pem;
  else item.certificate = pem;
}

/** A mutate that replaces the PEM of object `id` (for the association: the result's PEM). */
export function replacePem(endpoint: Endpoint, id: string, pem: string, expiresOn?: string): Fault["mutate"] {
  return envelope((body) => {
    const item = endpoint === EP.association ? (body.result as Json) : itemWithId(body, id);
    setPem(endpoint, item, pem);
    if (expiresOn !== undefined) {
      if (endpoint === EP.customHostnames) (item.ssl as Json).expires_on = expiresOn;
      else item.expires_on = expiresOn;
    }
  });
}

/** A mutate for the association endpoint that only touches the answer for `hostname`. */
export function forHostname(hostname: string, mutate: NonNullable<Fault["mutate"]>): Fault["mutate"] {
  return (body, context) => (context.path.endsWith(`/${encodeURIComponent(hostname)}`) ? mutate(body, context) : body);
}
