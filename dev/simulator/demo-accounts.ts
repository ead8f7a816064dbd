// The demo's accounts: every demo zone belongs to Example Account, which config/demo.yaml names
// under `accounts:`; Example Labs is found only by account discovery (`GET /accounts`).
import type { AccountSpec } from "./scenario.js";
import { DEFAULT_ZONE_ACCOUNT } from "./state.js";

export const DEMO_ACCOUNT_IDS = {
  example: DEFAULT_ZONE_ACCOUNT.id,
  labs: "2222aaaa3333bbbb4444cccc5555dddd",
} as const;

/** Stable ids of the account-level certificates, so tests can name them. */
export const DEMO_ACCOUNT_CERT_IDS = {
  exampleAccount: {
    mtlsCertificates: {
      deviceRoot: "8f0c1d2e3a4b5c6d7e8f90a1b2c3d4e5",
      partnerCaExpiring: "9a1b2c3d4e5f60718293a4b5c6d7e8f9",
    },
    accessCertificates: {
      adminRoot: "f174e90a-fafe-4643-bbbc-4a0ed4fc8415",
      contractorsRootExpiring: "0b6a2f4e-9c3d-4e1f-8a7b-5c6d7e8f9a0b",
    },
    gatewayCertificates: {
      inUseExpiring: "3e5d7c9b-1a2f-4b6c-8d0e-2f4a6b8c0d1e",
      spareNotInUse: "5a7c9e1b-3d5f-4a8c-9e0b-1d3f5a7c9e2b",
      retiredInactive: "7c9e1b3d-5f7a-4c9e-8b1d-3f5a7c9e1b3d",
    },
  },
  exampleLabs: {
    mtlsCertificates: { labRoot: "ab12cd34ef56ab78cd90ef12ab34cd56" },
  },
} as const;

const EXAMPLE = DEMO_ACCOUNT_CERT_IDS.exampleAccount;

export function demoAccounts(): AccountSpec[] {
  return [
    {
      id: DEMO_ACCOUNT_IDS.example,
      name: DEFAULT_ZONE_ACCOUNT.name,
      // Account mTLS store: a device root that is fine, and a partner CA bundle 12 days from expiry (warning).
      mtlsCertificates: [
        { id: EXAMPLE.mtlsCertificates.deviceRoot, name: "device-root", cn: "Example Device Root CA", daysLeft: 3 * 365, ca: true },
        { id: EXAMPLE.mtlsCertificates.partnerCaExpiring, name: "partner-ca", cn: "Partner Issuing CA", daysLeft: 12, ca: true },
      ],
      // Access mTLS roots carry no PEM: the API's date, 4 days for the contractors' root (critical).
      accessCertificates: [
        { id: EXAMPLE.accessCertificates.adminRoot, name: "Allow admins", daysLeft: 400, associatedHostnames: ["admin.example.com"] },
        { id: EXAMPLE.accessCertificates.contractorsRootExpiring, name: "Allow contractors", daysLeft: 4, associatedHostnames: ["contractors.example.com", "wiki.example.com"] },
      ],
      // Gateway TLS-inspection CAs: the one in use ends in 6 days (critical), a spare not in use
      // in 3 days (capped at warning), an inactive one expired yesterday (ignored; it expired after
      // legacy-sni, so the time-left order still opens with a certificate that alerts).
      gatewayCertificates: [
        { id: EXAMPLE.gatewayCertificates.inUseExpiring, cn: "Gateway CA - Cloudflare Managed G1", daysLeft: 6 },
        { id: EXAMPLE.gatewayCertificates.spareNotInUse, cn: "Gateway CA - spare", daysLeft: 3, bindingStatus: "pending_deployment", type: "custom" },
        { id: EXAMPLE.gatewayCertificates.retiredInactive, cn: "Gateway CA - retired", daysLeft: -1, bindingStatus: "inactive" },
      ],
    },
    // Found by discover.accounts only; without Zero Trust Access (error 9999): an unavailable product.
    {
      id: DEMO_ACCOUNT_IDS.labs,
      name: "Example Labs",
      accessEnabled: false,
      mtlsCertificates: [{ id: DEMO_ACCOUNT_CERT_IDS.exampleLabs.mtlsCertificates.labRoot, name: "lab-root", cn: "Example Labs Root", daysLeft: 700, ca: true }],
    },
  ];
}
