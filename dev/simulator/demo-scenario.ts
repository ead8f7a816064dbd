// The scenario `npm run demo` serves: one of every case the daemon must tell apart, with stable
// ids so the demo config and tests can name individual certificates.
import { rfc3339Seconds } from "../../src/clock/rfc3339.js";
import type { Scenario, ZoneSpec } from "./scenario.js";
import { demoAccounts } from "./demo-accounts.js";
import type { SimToken } from "./state.js";

export const DEMO_ZONE_IDS = {
  exampleCom: "5f3c2a1b0e9d8c7b6a5f4e3d2c1b0a99",
  exampleNet: "6a4d3b2c1f0e9d8c7b6a5f4e3d2c1b00",
  /** Not in config/demo.yaml: only zone discovery (`GET /zones`) finds it. */
  exampleOrg: "7b5e4c3d2a1f0e9d8c7b6a5f4e3d2c1b",
} as const;

/** Hostnames with an association in example.com. */
export const DEMO_HOSTNAMES = {
  app: "app.example.com",
  api: "api.example.com",
  legacy: "legacy.example.com",
} as const;

/** Any hostname without an association answers 404; this one is named for tests. */
export const DEMO_UNASSOCIATED_HOSTNAME = "www.example.com";

/** example.com's custom hostnames (SSL for SaaS), one per case. */
export const DEMO_CUSTOM_HOSTNAMES = {
  managedActive: "shop.customer-a.test",
  validationTimedOut: "app.customer-b.test",
  pendingValidationExpiring: "portal.customer-c.test",
  customUploadedExpiring: "store.customer-d.test",
  moved: "old.customer-e.test",
  backupIssued: "beta.customer-f.test",
} as const;

export const DEMO_CERT_IDS = {
  exampleCom: {
    trustStore: {
      validRoot: "cb39038d-35a7-4cd0-8364-4a27da36fe39",
      pendingRoot: "62b16ac2-a39c-4fc4-9130-de662a817535",
    },
    hostnameCertificates: {
      valid: "32405a00-afa4-4795-8a1f-14e24db41846",
      expiringCritical: "47972869-0584-4165-9a97-4d4a35a67352",
      expiringWarning: "d1d6f23f-ff1c-4b5a-9d3a-f39ac943d9a0",
      deploymentTimedOut: "0e9f24c6-c424-497c-94ae-fdbc7d7a9baf",
      pemContradictsApi: "b0269c93-988f-458f-8f61-0d11fd113a97",
      intermediateExpiresFirst: "a5af2033-a391-4796-9eed-a6714b5b1683",
      rsa: "e9da50b7-18d6-4438-b41d-92118ddaac76",
      ed25519: "4293f402-8a38-4d56-b987-640173401183",
      garbagePem: "2b967f2d-4641-4d00-bdbf-93e80c3fbe48",
      expired: "7cdd879e-a708-4804-81a5-21af475c6947",
    },
    zoneAopCertificates: {
      valid: "cb901450f5d293cd5ef8fd60d01c57d0",
      expiringSoon: "d0a54672f3f5bf9e77f89cadc14a2b5d",
    },
    customHostnames: {
      managedActive: "0efd3990-7b77-4ceb-aae9-0a2d42edf373",
      validationTimedOut: "2dc41467-e557-421b-8d8b-cd21f5abc499",
      pendingValidationExpiring: "bf0fc311-ce7f-48aa-9c47-746d9720757a",
      customUploadedExpiring: "54d89a28-8204-4db6-83a3-1f02bcf0b98c",
      moved: "6bdd3573-6fad-45ad-aa2e-5d110a56c4b1",
      backupIssued: "157b7404-b058-4ffb-aa43-3364f4affdf6",
    },
    customCertificates: {
      expiringWarning: "04647219e0068d518216249772181b5c",
      expired: "35a3bac796729a08bb349533dde5a681",
    },
    certificatePacks: {
      advancedActive: "6b82f6a0-a5f4-4f83-98ae-6f84ce1aa479",
      pendingValidation: "8dfa81ef-1bab-42d5-8df7-bb0b61fe7a54",
    },
    /** The certificates inside `certificatePacks.advancedActive`, in the order served. */
    packCertificates: {
      advancedActiveEcdsa: "ff33c58243e34be987d120d94772bed6",
      advancedActiveRsa: "273ce22a0efc294643ed010fb9304b61",
    },
    /** API Shield client certificates (32 hex, as the SDK's example). */
    clientCertificates: {
      valid: "9c1d6e0b2a4f48d3b5e7c1a2f3d4e5f6",
      expiringCritical: "a3b4c5d6e7f8091a2b3c4d5e6f708192",
      pendingRevocation: "b8e1f2a3c4d5e6f708192a3b4c5d6e7f",
      revokedExpired: "c0ffee00d1d2d3d4e5e6e7e8f9fafbfc",
    },
    /** Opaque ids; Cloudflare's read like decimal serial numbers. */
    originCaCertificates: {
      healthy: "482117392045710394857163029481736450192837465019",
      expiringSoon: "719304857261038475610293847561029384756102938475",
    },
  },
  exampleNet: {
    trustStore: { expiredButActiveRoot: "7ee97a0b-6218-49d9-b7c3-b2fa4168307c" },
    hostnameCertificates: { valid: "c3206992-e962-4291-8fb2-b2c5ebb13db8" },
  },
  exampleOrg: {
    certificatePacks: { advancedExpiring: "3f1d696c-e33c-4f1c-96c8-062788fc9734" },
    packCertificates: { advancedExpiring: "001e61c9ec15a055bb5b2edbb13fa770" },
  },
} as const;

const COM = DEMO_CERT_IDS.exampleCom;
const NET = DEMO_CERT_IDS.exampleNet;
const ORG = DEMO_CERT_IDS.exampleOrg;
const SAAS = DEMO_CUSTOM_HOSTNAMES;

/** example.com's stores beyond the trust store and hostname AOP. */
const EXAMPLE_COM_EDGE: Pick<ZoneSpec, "aopZoneCertificates" | "aopZoneEnabled" | "customHostnames" | "customCertificates" | "certificatePacks" | "originCaCertificates"> = {
  // Both certificates are uploaded but zone-level AOP is off, so neither is presented to the origin.
  aopZoneEnabled: false,
  aopZoneCertificates: [
    { id: COM.zoneAopCertificates.valid, cn: "Example Origin Pull Client", daysLeft: 200, enabled: true },
    { id: COM.zoneAopCertificates.expiringSoon, cn: "Example Origin Pull Client 2024", daysLeft: 12 },
  ],
  customHostnames: [
    { id: COM.customHostnames.managedActive, hostname: SAAS.managedActive, kind: "managed", daysLeft: 60 },
    // Renewal stuck: the hostname still serves its old certificate until it runs out.
    { id: COM.customHostnames.validationTimedOut, hostname: SAAS.validationTimedOut, kind: "managed", daysLeft: 20, sslStatus: "validation_timed_out" },
    {
      id: COM.customHostnames.pendingValidationExpiring,
      hostname: SAAS.pendingValidationExpiring,
      kind: "managed",
      daysLeft: 10,
      sslStatus: "pending_validation",
      validationErrors: [`SERVFAIL looking up CAA for ${SAAS.pendingValidationExpiring}`],
    },
    { id: COM.customHostnames.customUploadedExpiring, hostname: SAAS.customUploadedExpiring, kind: "custom", daysLeft: 4 },
    {
      id: COM.customHostnames.moved,
      hostname: SAAS.moved,
      kind: "managed",
      daysLeft: 45,
      status: "moved",
      verificationErrors: ["custom hostname does not CNAME to this zone."],
    },
    // In the enum, but its meaning is undocumented (docs/cloudflare-api.md §10).
    { id: COM.customHostnames.backupIssued, hostname: SAAS.backupIssued, kind: "managed", daysLeft: 70, sslStatus: "backup_issued" },
  ],
  customCertificates: [
    { id: COM.customCertificates.expiringWarning, hosts: ["example.com", "www.example.com"], daysLeft: 25 },
    { id: COM.customCertificates.expired, hosts: ["legacy-sni.example.com"], daysLeft: -5, status: "expired" },
  ],
  certificatePacks: [
    {
      id: COM.certificatePacks.advancedActive,
      type: "advanced",
      hosts: ["example.com", "*.example.com"],
      certificates: [
        { id: COM.packCertificates.advancedActiveEcdsa, daysLeft: 80 },
        { id: COM.packCertificates.advancedActiveRsa, daysLeft: 80 },
      ],
    },
    // Only listed with status=all: the default list shows active packs alone (docs/cloudflare-api.md §3.8).
    {
      id: COM.certificatePacks.pendingValidation,
      type: "advanced",
      status: "pending_validation",
      hosts: ["example.com", "shop.example.com"],
      certificates: [],
      validationErrors: ["CAA records for example.com do not allow the selected certificate authority to issue"],
    },
  ],
  // On the origins behind example.com: the one running out breaks Full (strict) for its hosts.
  originCaCertificates: [
    { id: COM.originCaCertificates.healthy, hostnames: ["example.com", "*.example.com"], daysLeft: 5000 },
    { id: COM.originCaCertificates.expiringSoon, hostnames: ["origin.example.com"], daysLeft: 10, requestedValidity: 365 },
  ],
};

export function demoScenario(): Scenario {
  return {
    zones: [
      {
        id: DEMO_ZONE_IDS.exampleCom,
        name: "example.com",
        trustStore: [
          { id: COM.trustStore.validRoot, cn: "Example Private Root CA", daysLeft: 5 * 365, daysOld: 365 },
          { id: COM.trustStore.pendingRoot, cn: "Example Private Root CA 2", daysLeft: 10 * 365, daysOld: 1, status: "pending_deployment" },
        ],
        hostnameCertificates: [
          { key: "valid", id: COM.hostnameCertificates.valid, cn: "app.example.com", sans: ["app.example.com"], daysLeft: 300 },
          { key: "critical", id: COM.hostnameCertificates.expiringCritical, cn: "api.example.com", sans: ["api.example.com"], daysLeft: 5 },
          { key: "warning", id: COM.hostnameCertificates.expiringWarning, cn: "shop.example.com", daysLeft: 20 },
          {
            key: "timed-out",
            id: COM.hostnameCertificates.deploymentTimedOut,
            cn: "legacy.example.com",
            daysLeft: 120,
            status: "deployment_timed_out",
          },
          // The API metadata says all is well; only parsing the PEM reveals the certificate ends in 3 days.
          { key: "mismatch", id: COM.hostnameCertificates.pemContradictsApi, cn: "billing.example.com", daysLeft: 3, apiExpiresOn: { daysLeft: 200 } },
          {
            key: "chain",
            id: COM.hostnameCertificates.intermediateExpiresFirst,
            cn: "partners.example.com",
            daysLeft: 200,
            chain: { intermediateDaysLeft: 10 },
          },
          { key: "rsa", id: COM.hostnameCertificates.rsa, cn: "rsa.example.com", daysLeft: 250, keyAlgorithm: "rsa" },
          { key: "ed25519", id: COM.hostnameCertificates.ed25519, cn: "ed25519.example.com", daysLeft: 250, keyAlgorithm: "ed25519" },
          { key: "garbage", id: COM.hostnameCertificates.garbagePem, cn: "broken.example.com", daysLeft: 100, pem: "garbage" },
          { key: "expired", id: COM.hostnameCertificates.expired, cn: "old.example.com", daysLeft: -2 },
        ],
        associations: [
          { hostname: DEMO_HOSTNAMES.app, cert: "valid", enabled: true, status: "active" },
          { hostname: DEMO_HOSTNAMES.api, cert: "critical", enabled: true, status: "active" },
          { hostname: DEMO_HOSTNAMES.legacy, cert: "timed-out", enabled: false, status: "pending_deployment" },
        ],
        ...EXAMPLE_COM_EDGE,
        // API Shield mTLS: one device certificate 5 days from expiry (critical); the revoked one
        // has expired too and must stay quiet (gone); the pending revocation only warns once it
        // lingers. (The revoked one expired after legacy-sni's -5 days: `certwatch check` lists
        // gone records too, and its first row stays the custom certificate that alerts.)
        clientCertificates: [
          { id: COM.clientCertificates.valid, cn: "pos-terminal-01.example.com", daysLeft: 300 },
          { id: COM.clientCertificates.expiringCritical, cn: "pos-terminal-02.example.com", daysLeft: 5 },
          { id: COM.clientCertificates.pendingRevocation, cn: "lost-tablet.example.com", daysLeft: 200, status: "pending_revocation" },
          { id: COM.clientCertificates.revokedExpired, cn: "retired-kiosk.example.com", daysLeft: -4, daysOld: 365, status: "revoked" },
        ],
      },
      {
        id: DEMO_ZONE_IDS.exampleNet,
        name: "example.net",
        // The outage case: the root's PEM expired 3 days ago but the API still reports it active.
        trustStore: [{ id: NET.trustStore.expiredButActiveRoot, cn: "Example Net Root CA", daysLeft: -3, daysOld: 3650, status: "active" }],
        hostnameCertListShape: "association",
        hostnameCertificates: [{ id: NET.hostnameCertificates.valid, cn: "www.example.net", sans: ["www.example.net"], daysLeft: 180 }],
        // Not a Cloudflare for SaaS customer: its custom-hostname routes answer 403.
        entitlements: { customHostnames: false },
      },
      {
        id: DEMO_ZONE_IDS.exampleOrg,
        name: "example.org",
        certificatePacks: [
          {
            id: ORG.certificatePacks.advancedExpiring,
            type: "advanced",
            hosts: ["example.org", "*.example.org"],
            certificates: [{ id: ORG.packCertificates.advancedExpiring, daysLeft: 6 }],
          },
        ],
      },
    ],
    accounts: demoAccounts(),
  };
}

/**
 * The demo's own API token: valid, expiring in 20 days, so the demo shows ApiTokenExpiringSoon
 * (warning) and certwatch_api_token_expiry_timestamp_seconds beside the certificates.
 */
export function demoToken(now: Date = new Date()): SimToken {
  return { id: "de11100000000000000000000000demo", status: "active", expiresOn: rfc3339Seconds(now.getTime() + 20 * 86_400_000) };
}
