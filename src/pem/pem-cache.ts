import { createHash } from "node:crypto";
import { oversizeReason } from "./bundle-limits.js";
import { parsePem } from "./parse-pem.js";
import type { PemParseResult } from "../model/parsed-certificate.js";
import type { TimeSlice } from "./time-slice.js";

/**
 * Parses each distinct PEM once. Entries not looked up since the previous `sweep()` are dropped,
 * so the cache holds what the last cycle saw and no more.
 */
export class PemCache {
  // Promises, so sources polled concurrently that share a PEM wait for one parse instead of racing two.
  private entries = new Map<string, Promise<PemParseResult>>();
  /** The text each entry was first seen as: records of one certificate share it instead of each keeping its own copy. */
  private texts = new Map<string, string>();
  private touched = new Set<string>();
  private parses = 0;

  parse(pem: string, slice?: TimeSlice): Promise<PemParseResult> {
    return this.parseShared(pem, slice).result;
  }

  /**
   * Like parse, and also the PEM text to keep: the copy first seen with the same content. A SaaS
   * zone may list one certificate on thousands of hostnames, each answer with its own copy.
   */
  parseShared(pem: string, slice?: TimeSlice): { pem: string; result: Promise<PemParseResult> } {
    // Refused before hashing: an oversized text is cheap to refuse and costly to hash.
    const oversize = oversizeReason(pem);
    if (oversize) return { pem, result: Promise.resolve({ ok: false, error: oversize }) };
    const key = createHash("sha256").update(pem).digest("hex");
    this.touched.add(key);
    let result = this.entries.get(key);
    if (!result) {
      result = parsePem(pem, slice);
      this.parses += 1;
      this.entries.set(key, result);
      this.texts.set(key, pem);
    }
    return { pem: this.texts.get(key) ?? pem, result };
  }

  sweep(): void {
    for (const key of this.entries.keys()) {
      if (!this.touched.has(key)) {
        this.entries.delete(key);
        this.texts.delete(key);
      }
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
