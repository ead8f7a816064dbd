const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A DNS hostname in letter-digit-hyphen form (RFC 1123), lowercase: labels of 1-63 characters,
 * 253 in total, no trailing dot, no wildcard. The last label may not be all digits, so a
 * mistyped IPv4 address such as 300.1.1.1 is not taken for a name.
 */
export function isHostname(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split(".");
  if (!labels.every((label) => LABEL.test(label))) return false;
  return !/^\d+$/.test(labels[labels.length - 1] ?? "");
}
