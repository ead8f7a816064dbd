// The scenario `npm run demo` serves: one of every case the daemon must tell apart, with stable
// ids so the demo config and tests can name individual certificates.
import type { Scenario } from "./scenario.js";

export const DEMO_ZONE_IDS = {
  exampleCom: "5f3c2a1b0e9d8c7b6a5f4e3d2c1b0a99",
  exampleNet: "6a4d3b2c1f0e9d8c7b6a5f4e3d2c1b00",
} as const;

/** Hostnames with an association in example.com. */
export const DEMO_HOSTNAMES = {
  app: "app.example.com",
  api: "api.example.com",
  legacy: "legacy.example.com",
} as const;

/** Any hostname without an association answers 404; this one is named for tests. */
export const DEMO_UNASSOCIATED_HOSTNAME = "www.example.com";

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
  },
  exampleNet: {
    trustStore: { expiredButActiveRoot: "7ee97a0b-6218-49d9-b7c3-b2fa4168307c" },
    hostnameCertificates: { valid: "c3206992-e962-4291-8fb2-b2c5ebb13db8" },
  },
} as const;

const COM = DEMO_CERT_IDS.exampleCom;
const NET = DEMO_CERT_IDS.exampleNet;

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
      },
      {
        id: DEMO_ZONE_IDS.exampleNet,
        name: "example.net",
        // The outage case: the root's PEM expired 3 days ago but the API still reports it active.
        trustStore: [{ id: NET.trustStore.expiredButActiveRoot, cn: "Example Net Root CA", daysLeft: -3, daysOld: 3650, status: "active" }],
        hostnameCertListShape: "association",
        hostnameCertificates: [{ id: NET.hostnameCertificates.valid, cn: "www.example.net", sans: ["www.example.net"], daysLeft: 180 }],
      },
    ],
  };
}
