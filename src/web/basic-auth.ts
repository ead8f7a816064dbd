import bcrypt from "bcryptjs";
import { createHash } from "node:crypto";

/** How long a verified (user, password) pair is trusted without running bcrypt again. */
export const VERIFIED_TTL_MS = 60_000;
/** Bounds the cache: a scraper or two and a few people, not one entry per guessed password. */
const MAX_CACHED = 100;

/** Verified against when the user is unknown, so an unknown user costs as much as a wrong password. */
const DUMMY_HASH = "$2b$10$GTZUT.V6yZdufaD1j4nzKOF9sEYaktdz9XvKn0tOdqxQPbdDv4SEu";

export const REALM = "certwatch";

/**
 * HTTP Basic authentication against bcrypt hashes (the exporter-toolkit's basic_auth_users).
 * bcrypt costs tens of milliseconds by design; a scraper sends the same credentials every 15 s,
 * so a successful verification is remembered briefly, as the toolkit does. Only a digest of the
 * credentials is kept, never the password; bcryptjs compares hashes in constant time.
 */
export class BasicAuth {
  private readonly verified = new Map<string, number>();

  constructor(
    private readonly users: ReadonlyMap<string, string>,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.users.size > 0;
  }

  /** Whether an Authorization header carries the password of a configured user. */
  async allows(authorization: string | undefined): Promise<boolean> {
    if (!this.enabled) return true;
    const credentials = parseBasic(authorization);
    if (!credentials) return false;
    const hash = this.users.get(credentials.user);
    const digest = cacheKey(credentials.user, hash ?? DUMMY_HASH, credentials.password);
    const until = this.verified.get(digest);
    if (until !== undefined && until > this.now()) return hash !== undefined;
    const matches = await bcrypt.compare(credentials.password, hash ?? DUMMY_HASH);
    if (!matches || hash === undefined) return false;
    this.remember(digest);
    return true;
  }

  private remember(digest: string): void {
    this.verified.delete(digest);
    if (this.verified.size >= MAX_CACHED) {
      const now = this.now();
      for (const [key, until] of this.verified) if (until <= now) this.verified.delete(key);
      // Still full: drop the oldest (a Map iterates in insertion order).
      if (this.verified.size >= MAX_CACHED) this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(digest, this.now() + VERIFIED_TTL_MS);
  }
}

/** `Basic base64(user:password)`; the scheme is case-insensitive (RFC 7617). */
export function parseBasic(header: string | undefined): { user: string; password: string } | null {
  const match = /^basic\s+([A-Za-z0-9+/]+=*)\s*$/i.exec(header ?? "");
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The hash is part of the key, so a changed hash is never matched by an old entry. */
function cacheKey(user: string, hash: string, password: string): string {
  return createHash("sha256").update(user).update("\0").update(hash).update("\0").update(password).digest("base64");
}

