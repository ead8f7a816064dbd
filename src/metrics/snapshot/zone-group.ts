import { FAMILY_KEYS } from "./families.js";
import { deflateSegment, type Segment } from "./gzip-parts.js";
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
 */
export class ZoneGroup {
  readonly zones = new Map<string, CachedZone>();
  /** Set when a zone was built, replaced or removed since the last assembly. */
  dirty = false;
  private bytes = Buffer.alloc(0);
  private ranges = new Uint32Array(2 * FAMILY_KEYS.length);
  private compressed: Promise<Segment[]> | null = null;

  /** The group's lines of the family at FAMILY_KEYS position `i` (a view, not a copy). */
  segment(i: number): Buffer {
    return this.bytes.subarray(this.ranges[2 * i], this.ranges[2 * i + 1]);
  }

  /** Each family's segment compressed on its own (see deflateSegment), once per assembly. */
  deflated(): Promise<Segment[]> {
    return (this.compressed ??= Promise.all(FAMILY_KEYS.map((_, i) => deflateSegment(this.segment(i)))));
  }

  /**
   * Copies every zone's lines into a new buffer, family by family, then points each zone at
   * its lines there: the group's buffer is then the only copy of its text, and the next
   * assembly copies the unchanged zones from it.
   */
  assemble(): void {
    const families = FAMILY_KEYS.length;
    let length = 0;
    for (const zone of this.zones.values()) for (let i = 0; i < families; i++) length += byteLength(zone, i);
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
        at += "texts" in lines ? bytes.write(lines.texts[i]!, at) : lines.bytes.copy(bytes, at, lines.ranges[2 * i], lines.ranges[2 * i + 1]);
        zoneRanges[2 * i + 1] = at;
      }
      ranges[2 * i + 1] = at;
    }
    for (const [zone, zoneRanges] of placed) zone.lines = { bytes, ranges: zoneRanges };
    this.bytes = bytes;
    this.ranges = ranges;
    this.compressed = null;
    this.dirty = false;
  }
}

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
