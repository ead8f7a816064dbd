import { FAMILY_KEYS } from "./families.js";
import { deflateSegment, inflateSegment as inflate, type Segment } from "./gzip-parts.js";
import type { ZoneBlock } from "./zone-block.js";

export interface CachedZone extends ZoneBlock {
  version: number;
  summarized: boolean;
  /** The configured labels it was built with (label pairs): a reload changing them rebuilds it. */
  labels: string;
}

/**
 * A few zones whose lines share one buffer, family after family. /metrics is the groups'
 * segments family by family, so a change copies its group's buffer, not the whole body: a
 * sweep that changes zones one at a time rewrites kilobytes per change, not megabytes.
 *
 * Once its segments are compressed, a group lets go of its text and keeps only the
 * compressed form (about a tenth: 1.8 MB instead of 18.7 MB at 1,000 zones). Scrapes ask for
 * gzip; the text is inflated again, a segment at a time, for the rare scrape that does not,
 * and when a zone of the group changes (the unchanged zones' lines are copied from it).
 */
export class ZoneGroup {
  readonly zones = new Map<string, CachedZone>();
  /** Set when a zone was built, replaced or removed since the last assembly. */
  dirty = false;
  /** The group's text, until its segments are compressed; null after. */
  private bytes: Buffer | null = Buffer.alloc(0);
  private ranges = new Uint32Array(2 * FAMILY_KEYS.length);
  private compressed: Promise<Segment[]> | null = null;
  /** The compressed segments once done, for inflating the text back. */
  private segments: Segment[] | null = null;

  /** The group's lines of the family at FAMILY_KEYS position `i`: a view of the text, or inflated from the compressed segment. */
  segment(i: number): Buffer {
    if (this.bytes) return this.bytes.subarray(this.ranges[2 * i], this.ranges[2 * i + 1]);
    return inflate(this.segments![i]!);
  }

  /** The family at `i` as it is now, without inflating: a view of the text, or its compressed segment (never changed once made). */
  source(i: number): Buffer | Segment {
    return this.bytes ? this.bytes.subarray(this.ranges[2 * i], this.ranges[2 * i + 1]) : this.segments![i]!;
  }

  /** Each family's segment compressed on its own (see deflateSegment), once per assembly; the text is then let go. */
  deflated(): Promise<Segment[]> {
    if (this.compressed) return this.compressed;
    const bytes = this.bytes!;
    const compressed = Promise.all(FAMILY_KEYS.map((_, i) => deflateSegment(bytes.subarray(this.ranges[2 * i], this.ranges[2 * i + 1]))));
    this.compressed = compressed;
    compressed.then(
      (segments) => {
        // Not assembled again meanwhile: the compressed segments are this text.
        if (this.compressed !== compressed) return;
        this.segments = segments;
        this.bytes = null;
      },
      () => {},
    );
    return compressed;
  }

  /** The whole text of the group (the families' segments end to end), as it was last assembled. */
  private text(): Buffer {
    return this.bytes ?? Buffer.concat(this.segments!.map(inflate));
  }

  /**
   * Copies every zone's lines into a new buffer, family by family, then points each zone at
   * its lines there: the group's buffer is then the only copy of its text, and the next
   * assembly copies the unchanged zones from it (inflated again if it was let go).
   */
  assemble(): void {
    const families = FAMILY_KEYS.length;
    let length = 0;
    for (const zone of this.zones.values()) for (let i = 0; i < families; i++) length += byteLength(zone, i);
    // The old text is needed (inflated again if it was let go) only when a zone is kept as it was.
    let kept = false;
    for (const zone of this.zones.values()) kept ||= !("texts" in zone.lines);
    const old = kept ? this.text() : EMPTY;
    const bytes = Buffer.allocUnsafeSlow(length);
    const ranges = new Uint32Array(2 * families);
    const placed = new Map<CachedZone, Uint32Array>();
    for (const zone of this.zones.values()) placed.set(zone, new Uint32Array(2 * families));
    let at = 0;
    for (let i = 0; i < families; i++) {
      ranges[2 * i] = at;
      for (const zone of this.zones.values()) {
        const zoneRanges = placed.get(zone)!;
        zoneRanges[2 * i] = at;
        const { lines } = zone;
        at += "texts" in lines ? bytes.write(lines.texts[i]!, at) : old.copy(bytes, at, lines.ranges[2 * i], lines.ranges[2 * i + 1]);
        zoneRanges[2 * i + 1] = at;
      }
      ranges[2 * i + 1] = at;
    }
    for (const [zone, zoneRanges] of placed) zone.lines = { ranges: zoneRanges };
    this.bytes = bytes;
    this.ranges = ranges;
    this.compressed = null;
    this.segments = null;
    this.dirty = false;
  }
}

const EMPTY = Buffer.alloc(0);

function byteLength(zone: CachedZone, i: number): number {
  const { lines } = zone;
  return "texts" in lines ? Buffer.byteLength(lines.texts[i]!) : lines.ranges[2 * i + 1]! - lines.ranges[2 * i]!;
}

/** A stable group for a zone id (FNV-1a): a zone stays in its group for the process's life. */
export function groupIndex(zoneId: string, groups: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < zoneId.length; i++) hash = Math.imul(hash ^ zoneId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % groups;
}
