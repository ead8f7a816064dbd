import type { Family } from "./exposition-text.js";

/**
 * The inventory-derived families, in the order /metrics lists them. The value series carry a
 * record's identity only (IDENTITY_LABELS); its descriptive labels are on certwatch_cert_info,
 * joined with `* on(zone_id, account_id, source, cert_id, hostname) group_left(subject_cn, issuer_cn, serial)`
 * (account_id is empty on a zone's series, zone_id on an account's).
 * So a renewed certificate that keeps its id keeps its value series.
 */
export const FAMILIES = {
  info: gauge("certwatch_cert_info", "Always 1, one series per certificate record: its identity and its PEM's subject CN, issuer CN and serial (\"\" without a parsed PEM)."),
  notAfter: gauge("certwatch_cert_not_after_timestamp_seconds", "The leaf certificate's notAfter, read from its PEM."),
  notBefore: gauge("certwatch_cert_not_before_timestamp_seconds", "The leaf certificate's notBefore, read from its PEM."),
  chainNotAfter: gauge("certwatch_cert_chain_not_after_timestamp_seconds", "The earliest notAfter of any certificate in the PEM bundle."),
  expired: gauge("certwatch_cert_expired", "1 when the leaf's notAfter has passed (evaluated at scrape time), else 0."),
  apiExpiresOn: gauge("certwatch_cert_api_expires_on_timestamp_seconds", "The expiry the Cloudflare API claims (expires_on)."),
  status: gauge("certwatch_cert_status", "1 for the object's current status as Cloudflare reports it."),
  inUse: gauge(
    "certwatch_cert_in_use",
    "1 while Cloudflare uses the certificate, 0 while it only holds it (a Gateway CA with in_use false, whose expiry alerts are capped at warning); absent where the store does not say.",
  ),
  parseError: gauge("certwatch_cert_parse_error", "1 for each PEM that could not be parsed."),
  aopHostnameEnabled: gauge("certwatch_aop_hostname_enabled", "Whether hostname-level AOP is enabled for the association (absent when the API says null)."),
  trustStoreValidCAs: gauge("certwatch_trust_store_valid_cas", "CAs in the zone's Custom Origin Trust Store that are active and inside their PEM validity now."),
  expiry: gauge(
    "certwatch_cert_expiry_timestamp_seconds",
    "The expiry certwatch alerts on: the PEM's notAfter (from_pem=\"true\"), or the API's expires_on for objects Cloudflare exposes no PEM for (from_pem=\"false\"). Absent when a PEM does not parse.",
  ),
  aopZoneEnabled: gauge("certwatch_aop_zone_enabled", "1 while zone-level Authenticated Origin Pulls is enabled (its certificates are presented), else 0."),
  customHostnames: gauge("certwatch_custom_hostnames", "Custom hostnames (SSL for SaaS) by hostname status and certificate (ssl) status."),
  sourceUnavailable: gauge("certwatch_source_unavailable", "1 when the source answers 403 for the zone while its other sources work (the product is not enabled there)."),
  sourceErrors: counter("certwatch_source_errors_total", "Polls of a source for a zone that failed, by reason."),
  itemsInvalid: counter(
    "certwatch_items_invalid_total",
    "Items of an API answer skipped as unusable (the rest of the answer was used), by reason: missing_id, not_an_object, bad_field.",
  ),
  sourceUp: gauge("certwatch_source_up", "1 when the last poll of this source for this zone succeeded, else 0."),
  sourceLastSuccess: gauge("certwatch_source_last_success_timestamp_seconds", "When this source last polled successfully for this zone."),
} as const satisfies Record<string, Family>;

export type FamilyKey = keyof typeof FAMILIES;
export const FAMILY_KEYS = Object.keys(FAMILIES) as FamilyKey[];

function gauge(name: string, help: string): Family {
  return { name, help, type: "gauge" };
}

function counter(name: string, help: string): Family {
  return { name, help, type: "counter" };
}
