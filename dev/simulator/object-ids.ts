// Ids in the formats Cloudflare uses: 32 lowercase hex characters (zones, accounts, zone AOP and
// custom certificates) or 36-character UUIDs (custom hostnames, packs, hostname AOP certificates).
// Derived ids let an object's parts (a pack's certificates, a hostname's ssl) keep stable ids
// whenever the object's own id is fixed, without a scenario having to spell each one out.
import { createHash, randomBytes, randomUUID } from "node:crypto";

export function randomHexId(): string {
  return randomBytes(16).toString("hex");
}

export { randomUUID };

function digest(seed: string): string {
  return createHash("sha256").update(seed).digest("hex");
}

/** 32 hex characters determined by `seed`. */
export function derivedHexId(seed: string): string {
  return digest(seed).slice(0, 32);
}

/** A version-4-shaped UUID determined by `seed`. */
export function derivedUuid(seed: string): string {
  const hex = digest(seed);
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** 64 hex characters determined by `seed`: stands in for a SHA-256 fingerprint of a certificate nobody minted. */
export function derivedFingerprint(seed: string): string {
  return digest(`fingerprint:${seed}`);
}
