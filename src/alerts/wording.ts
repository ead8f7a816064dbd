import type { CertificateRecord, SourceName } from "../inventory/certificate-record.js";

const SOURCE_WORDS: Record<SourceName, string> = {
  trust_store: "Custom Origin Trust Store CA",
  aop_hostname_cert: "Authenticated Origin Pulls hostname client certificate",
  aop_hostname: "Authenticated Origin Pulls hostname association",
};

export function describeSource(source: string): string {
  return SOURCE_WORDS[source as SourceName] ?? source;
}

/** What on-call calls the object: its hostname, else the PEM's subject, else the API id. */
export function displayName(record: CertificateRecord): string {
  return record.hostname || record.parsed?.subjectCN || record.certId || "(unnamed)";
}

export function utc(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace(/\.\d{3}Z$/, " UTC");
}

export function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
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
