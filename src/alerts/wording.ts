import type { CertificateRecord } from "../model/index.js";
import { STORES } from "../stores/registry.js";

const NOUNS: ReadonlyMap<string, string> = new Map(STORES.map((store) => [store.name, store.noun]));
const NAMED_BY_HOSTS: ReadonlySet<string> = new Set(STORES.filter((store) => store.namedBy === "hosts").map((store) => store.name));

/** What on-call calls an object of this store, e.g. "Custom Origin Trust Store CA"; the name itself when unknown. */
export function describeSource(source: string): string {
  return NOUNS.get(source) ?? source;
}

/**
 * What on-call calls the object: its hostname, else the PEM's subject, else its hosts, else the
 * API id; hosts before the subject for a store whose subjects are all alike (StoreModule.namedBy).
 */
export function displayName(record: CertificateRecord): string {
  const hosts = typeof record.attributes.hosts === "string" ? record.attributes.hosts : "";
  const subject = record.parsed?.subjectCN ?? "";
  const [first, second] = NAMED_BY_HOSTS.has(record.source) ? [hosts, subject] : [subject, hosts];
  return record.hostname || first || second || record.certId || "(unnamed)";
}

export function utc(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace(/\.\d{3}Z$/, " UTC");
}

const DAY_MS = 86_400_000;

/** "in 5.0 days" / "2.5 days ago" */
export function relativeDays(at: number, now: number): string {
  const days = (at - now) / DAY_MS;
  return days >= 0 ? `in ${days.toFixed(1)} days` : `${(-days).toFixed(1)} days ago`;
}

export function durationWords(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} minutes`;
  const hours = ms / 3_600_000;
  return hours < 48 ? `${hours.toFixed(1)} hours` : `${(hours / 24).toFixed(1)} days`;
}

/** Cloudflare's own words on what is wrong (custom hostname verification and validation errors). */
export function apiErrorsLine(record: CertificateRecord): string {
  const parts: string[] = [];
  const { verification_errors: verification, validation_errors: validation } = record.attributes;
  // Cloudflare's messages may end in a full stop of their own.
  if (typeof verification === "string") parts.push(`Hostname verification errors: ${verification.replace(/\.$/, "")}.`);
  if (typeof validation === "string") parts.push(`Certificate validation errors: ${validation.replace(/\.$/, "")}.`);
  return parts.length ? ` ${parts.join(" ")}` : "";
}
