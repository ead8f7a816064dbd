import type { ErrorReason } from "../../cloudflare/api-error.js";
import { expiryDate } from "../../evaluate/expiry.js";
import { countValidCAs } from "../../evaluate/trust-store.js";
import { placementPairs, type CertificateRecord } from "../../model/index.js";
import type { SlotView } from "../../inventory/inventory.js";
import { labelPairs, sample } from "./exposition-text.js";
import { FAMILIES, FAMILY_KEYS, type FamilyKey } from "./families.js";

/**
 * certwatch_source_errors_total reasons exported at 0 for every (zone, source) from its first
 * poll, so increase() sees the first one. Only the transient ones, which may happen once and
 * never again: the lasting ones (unauthorized, forbidden, not_found, invalid_response,
 * api_error, pagination) fail every poll, set certwatch_source_up to 0 and count up from there.
 * All ten reasons would be 70,000 series at 1,000 zones × 7 sources; these four are 28,000.
 */
const ZEROED_ERROR_REASONS: readonly ErrorReason[] = ["rate_limited", "http_5xx", "timeout", "network"];

/** One zone's share of /metrics: its sample lines per family, built when the zone changes. */
export interface ZoneBlock {
  /**
   * Where the zone's lines are. Just built: one string per family (FAMILY_KEYS order). Once
   * its group is assembled (ZoneGroup): a range per family of the group's text, so no zone's
   * text is kept twice, and building a zone allocates no buffer of its own.
   */
  lines: { texts: string[] } | { ranges: Uint32Array };
  /** When a value of the zone turns with time alone (a certificate expires, a CA becomes valid); Infinity when none does. */
  readonly flipAt: number;
}

/**
 * Builds a zone's lines from its slots as they are at `now`. Custom hostnames of a zone in
 * `summary` mode are counted (certwatch_custom_hostnames), not listed. `labels`: the zone's
 * configured labels as label pairs (zone-labels.ts), added to every series after its own.
 */
export function buildZoneBlock(slots: readonly SlotView[], summarized: boolean, now: number, labels = ""): ZoneBlock {
  const out = new ZoneLines();
  const extra = labels === "" ? "" : `,${labels}`;
  let flipAt = Infinity;
  const flipsAt = (at: number) => {
    if (at > now && at < flipAt) flipAt = at;
  };
  const hostnameCounts = new Map<string, number>();
  for (const slot of slots) {
    const { health } = slot;
    const zone = labelPairs([...placementPairs(health)]) + extra;
    const source = `${zone},${labelPairs([["source", health.source]])}`;
    out.add("sourceUp", source, health.up ? 1 : 0);
    // certwatch_source_last_success_timestamp_seconds moves with every poll: the snapshot
    // renders it apart (lastSuccessLines), so a poll that changed nothing rebuilds no block.
    if (health.unavailable) out.add("sourceUnavailable", source, 1);
    for (const [reason, count] of Object.entries(slot.errors)) out.add("sourceErrors", `${source},reason="${reason}"`, count ?? 0);
    if (!health.unavailable) for (const reason of ZEROED_ERROR_REASONS) out.add("sourceErrors", `${source},reason="${reason}"`, 0);
    for (const [reason, count] of Object.entries(slot.invalid)) out.add("itemsInvalid", `${source},reason="${reason}"`, count ?? 0);
    const aopZoneEnabled = health.source === "aop_zone_cert" ? slot.settings.aop_zone_enabled : undefined;
    if (aopZoneEnabled !== undefined) out.add("aopZoneEnabled", zone, aopZoneEnabled ? 1 : 0);
    if (health.source === "trust_store" && health.lastSuccessAt !== null) {
      out.add("trustStoreValidCAs", zone, countValidCAs(slot.records, now));
      for (const r of slot.records) if (r.parsed) flipsAt(r.parsed.notBefore);
    }
    const listed = !(summarized && health.source === "custom_hostname");
    for (const r of slot.records) {
      if (r.source === "custom_hostname") countHostname(hostnameCounts, r, extra);
      if (r.source === "aop_hostname" && typeof r.attributes.enabled === "boolean") {
        const pairs = labelPairs([...placementPairs(r), ["hostname", r.hostname], ["cert_id", r.certId]]) + extra;
        out.add("aopHostnameEnabled", pairs, r.attributes.enabled ? 1 : 0);
      }
      if (!listed) continue;
      addRecord(out, r, now, extra);
      if (r.parsed) flipsAt(r.parsed.notAfter);
    }
  }
  for (const [pairs, n] of hostnameCounts) out.add("customHostnames", pairs, n);
  return { lines: { texts: out.texts() }, flipAt };
}

/** The series of one certificate record: identity labels on the values, the rest on certwatch_cert_info. */
function addRecord(out: ZoneLines, r: CertificateRecord, now: number, extra: string): void {
  const id = labelPairs([...placementPairs(r), ["source", r.source], ["cert_id", r.certId], ["hostname", r.hostname]]) + extra;
  const described = labelPairs([["subject_cn", r.parsed?.subjectCN ?? ""], ["issuer_cn", r.parsed?.issuerCN ?? ""], ["serial", r.parsed?.serialHex ?? ""]]);
  out.add("info", `${id},${described}`, 1);
  if (r.parsed) {
    out.add("notAfter", id, r.parsed.notAfter / 1000);
    out.add("notBefore", id, r.parsed.notBefore / 1000);
    out.add("chainNotAfter", id, r.parsed.chainNotAfter / 1000);
    out.add("expired", id, now >= r.parsed.notAfter ? 1 : 0);
  }
  if (r.apiExpiresOn !== null) out.add("apiExpiresOn", id, r.apiExpiresOn / 1000);
  if (r.status !== null) out.add("status", `${id},${labelPairs([["status", r.status]])}`, 1);
  if (typeof r.attributes.in_use === "boolean") out.add("inUse", id, r.attributes.in_use ? 1 : 0);
  if (r.parseError !== null) out.add("parseError", id, 1);
  const counted = expiryDate(r);
  if (counted) out.add("expiry", `${id},from_pem="${counted.fromPem}"`, counted.expiresAt / 1000);
}

function countHostname(counts: Map<string, number>, r: CertificateRecord, extra: string): void {
  const pairs = labelPairs([...placementPairs(r), ["status", String(r.attributes.hostname_status ?? "")], ["ssl_status", r.status ?? ""]]) + extra;
  counts.set(pairs, (counts.get(pairs) ?? 0) + 1);
}

/** Lines per family; a series added twice keeps its first value, so none is ever duplicated. */
class ZoneLines {
  private readonly byFamily = new Map<FamilyKey, string[]>();
  private readonly seen = new Set<string>();

  add(family: FamilyKey, pairs: string, value: number): void {
    const key = `${family}{${pairs}}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    let lines = this.byFamily.get(family);
    if (!lines) this.byFamily.set(family, (lines = []));
    lines.push(sample(FAMILIES[family].name, pairs, value));
  }

  texts(): string[] {
    return FAMILY_KEYS.map((family) => this.byFamily.get(family)?.join("") ?? "");
  }
}

/** The certwatch_source_last_success_timestamp_seconds lines of one zone's slots, as buildZoneBlock labels them. */
export function lastSuccessLines(slots: readonly SlotView[], labels = ""): string {
  const extra = labels === "" ? "" : `,${labels}`;
  let text = "";
  for (const { health } of slots) {
    if (health.lastSuccessAt === null) continue;
    const pairs = `${labelPairs([...placementPairs(health)])}${extra},${labelPairs([["source", health.source]])}`;
    text += sample(FAMILIES.sourceLastSuccess.name, pairs, health.lastSuccessAt / 1000);
  }
  return text;
}
