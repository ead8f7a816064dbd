import { createHash } from "node:crypto";
import { oversizeReason } from "./bundle-limits.js";
import { parsePem } from "./parse-pem.js";
import type { PemParseResult } from "./parsed-certificate.js";
import type { TimeSlice } from "./time-slice.js";

/**
 * Parses each distinct PEM once. Entries not looked up since the previous `sweep()` are dropped,
 * so the cache holds what the last cycle saw and no more.
 */
export class PemCache {
  // Promises, so sources polled concurrently that share a PEM wait for one parse instead of racing two.
  private entries = new Map<string, Promise<PemParseResult>>();
  private touched = new Set<string>();
  private parses = 0;

  parse(pem: string, slice?: TimeSlice): Promise<PemParseResult> {
    // Refused before hashing: an oversized text is cheap to refuse and costly to hash.
    const oversize = oversizeReason(pem);
    if (oversize) return Promise.resolve({ ok: false, error: oversize });
    const key = createHash("sha256").update(pem).digest("hex");
    this.touched.add(key);
    let result = this.entries.get(key);
    if (!result) {
      result = parsePem(pem, slice);
      this.parses += 1;
      this.entries.set(key, result);
    }
    return result;
  }

  sweep(): void {
    for (const key of this.entries.keys()) {
      if (!this.touched.has(key)) this.entries.delete(key);
    }
    this.touched = new Set();
  }

  get size(): number {
    return this.entries.size;
  }

  /** How many real parses ran; a test reads it to prove unchanged PEMs are not parsed again. */
  get parseCount(): number {
    return this.parses;
  }
}
