import { z } from "zod";
import { forEachPage } from "../../cloudflare/paginate.js";
import type { SourceItem } from "../../model/index.js";
import { apiTimestamp, intern, parseItem } from "../api-fields.js";
import { InvalidItemTally } from "../invalid-items.js";
import { CERTIFICATE_STATUSES } from "../shared-statuses.js";
import { defineStore, type StatusClass } from "../store.js";

const ENDPOINT = "/zones/:zone_id/custom_hostnames";

/** The hostname (verification) statuses other stores also document; their class is the common one. */
const HOSTNAME_STATUSES_SHARED = ["active", "pending", "moved", "pending_deletion", "deleted"] as const;

/** The hostname (verification) statuses only custom hostnames have. */
const HOSTNAME_STATUS_CLASSES: Readonly<Record<string, StatusClass>> = {
  active_redeploying: "healthy",
  pending_migration: "transitional",
  pending_provisioned: "transitional",
  provisioned: "transitional",
  test_pending: "transitional",
  test_active: "transitional",
  test_active_apex: "transitional",
  blocked: "failed",
  pending_blocked: "failed",
  test_blocked: "failed",
  test_failed: "failed",
};

const message = z.union([z.string(), z.object({ message: z.string().nullish() })]);

// Unknown fields are stripped, not passed through: only the fields below are read, and a copy
// of each hostname's whole object (settings, ownership_verification…) would be garbage at once.
const customHostnameItem = z
  .object({
    id: z.string().min(1),
    hostname: z.string().min(1),
    status: z.string().nullish(),
    verification_errors: z.array(message).nullish(),
    ssl: z
      .object({
        status: z.string().nullish(),
        custom_certificate: z.string().nullish(),
        expires_on: apiTimestamp,
        issuer: z.string().nullish(),
        certificate_authority: z.string().nullish(),
        validation_errors: z.array(message).nullish(),
        certificates: z.array(z.object({ expires_on: apiTimestamp, issuer: z.string().nullish() })).nullish(),
      })
      .nullish(),
  });

/**
 * Custom hostnames (SSL for SaaS). A custom-uploaded certificate carries its PEM; a managed
 * (CA-issued) one does not, so its record holds only the API's earliest `certificates[].expires_on`.
 * A SaaS zone may hold 100,000 of them: each page is validated and mapped to compact items as it
 * arrives, so no raw page outlives its own mapping.
 */
export const customHostname = defineStore({
  name: "custom_hostname",
  noun: "custom hostname (SSL for SaaS) certificate",
  resource: "SSL for SaaS custom hostnames and their certificates",
  endpoints: "`GET /zones/{zone_id}/custom_hostnames`",
  // `status` is the hostname's verification, `ssl.status` its certificate's.
  statuses: { documented: [...HOSTNAME_STATUSES_SHARED, ...Object.keys(HOSTNAME_STATUS_CLASSES), ...CERTIFICATE_STATUSES], own: HOSTNAME_STATUS_CLASSES },
  async poll({ zone, client, signal }) {
    const items: SourceItem[] = [];
    const invalid = new InvalidItemTally();
    const onPage = (page: unknown[], offset: number) => {
      for (let i = 0; i < page.length; i += 1) {
        const parsed = parseItem(customHostnameItem, page[i], offset + i, ENDPOINT, invalid);
        if (parsed !== undefined) items.push(toItem(parsed));
      }
    };
    await forEachPage(client, ENDPOINT, { zone_id: zone.id }, onPage, { signal });
    return { items, invalid };
  },
});

/** A custom hostname still waiting on its own verification (docs/cloudflare-api.md §3.6 `status`). */
export function isPendingHostnameStatus(status: string): boolean {
  return status === "pending" || status.startsWith("pending_") || status === "test_pending";
}

function toItem(item: z.output<typeof customHostnameItem>): SourceItem {
  const ssl = item.ssl ?? null;
  const custom = Boolean(ssl?.custom_certificate);
  const managedDates = (ssl?.certificates ?? []).map((c) => c.expires_on).filter((d): d is number => d !== null);
  const apiExpiresOn = custom ? (ssl?.expires_on ?? null) : managedDates.length ? Math.min(...managedDates) : (ssl?.expires_on ?? null);
  return {
    certId: item.id,
    hostname: item.hostname,
    status: intern(ssl?.status ?? null),
    apiExpiresOn,
    pem: custom ? (ssl?.custom_certificate ?? null) : null,
    apiIssuer: intern(ssl?.issuer ?? ssl?.certificates?.[0]?.issuer ?? ssl?.certificate_authority ?? null),
    attributes: attributesOf(intern(item.status ?? null), custom ? "custom" : ssl ? "managed" : "none", joinMessages(item.verification_errors), joinMessages(ssl?.validation_errors)),
  };
}

type Attributes = SourceItem["attributes"];
/** Attributes without errors, one frozen object per (hostname status, kind): most hostnames share one. */
const plainAttributes = new Map<string, Readonly<Attributes>>();

function attributesOf(hostnameStatus: string | null, kind: string, verificationErrors: string | null, validationErrors: string | null): Attributes {
  const attributes = { hostname_status: hostnameStatus, certificate_kind: kind, verification_errors: verificationErrors, validation_errors: validationErrors };
  if (verificationErrors !== null || validationErrors !== null || plainAttributes.size >= 256) return attributes;
  const key = `${hostnameStatus === null ? "" : `=${hostnameStatus}`}\u0000${kind}`;
  let shared = plainAttributes.get(key);
  if (shared === undefined) plainAttributes.set(key, (shared = Object.freeze(attributes)));
  return shared;
}

function joinMessages(messages: Array<z.infer<typeof message>> | null | undefined): string | null {
  const texts = (messages ?? []).map((m) => (typeof m === "string" ? m : (m.message ?? ""))).filter(Boolean);
  return texts.length ? texts.join("; ") : null;
}
