import { setImmediate as nextTurn } from "node:timers/promises";
import type { Clock } from "../../clock/clock.js";
import type { Inventory } from "../../inventory/inventory.js";
import { shareInFlight } from "../../async/coalesce.js";
import { toOpenMetrics, type ExpositionFormat } from "../openmetrics.js";
import { familyHeader } from "./exposition-text.js";
import { FAMILIES, FAMILY_KEYS } from "./families.js";
import { deflateSegment, deflateSegmentSync, gzipHeadOf, inflateSegment, type GzipHead, type Segment } from "./gzip-parts.js";
import { buildZoneBlock, lastSuccessLines } from "./zone-block.js";
import { groupIndex, ZoneGroup } from "./zone-group.js";

/** Building zone blocks hands the event loop back this often, so /healthz never waits for a full rebuild. */
const YIELD_EVERY_MS = 10;
/** Zones are spread over this many groups (see ZoneGroup): about 16 zones a group at 1,000 zones. */
const GROUPS = 64;
const HEADERS = FAMILY_KEYS.map((key) => Buffer.from(familyHeader(FAMILIES[key])));
/**
 * The family whose samples move with every successful poll (certwatch_source_last_success_timestamp_seconds):
 * kept out of the zone blocks and rendered on its own from the inventory's health, one short
 * line per (zone, source), so a poll that found nothing new rebuilds and compresses no block.
 */
const LAST_SUCCESS = FAMILY_KEYS.indexOf("sourceLastSuccess");
/** Only the families' HELP and TYPE lines differ in OpenMetrics: the sample segments are shared. */
const OPENMETRICS_HEADERS = HEADERS.map((header) => Buffer.from(toOpenMetrics(header.toString())));
const DEFLATED_HEADERS: Readonly<Record<ExpositionFormat, Segment[]>> = {
  prometheus: HEADERS.map(deflateSegmentSync),
  openmetrics: OPENMETRICS_HEADERS.map(deflateSegmentSync),
};

export interface InventorySnapshotSources {
  inventory: Inventory;
  clock: Clock;
  /** Zones whose custom hostnames are exported as counts only (`custom_hostnames.mode: summary`). */
  summarizedZones: () => ReadonlySet<string>;
  /** Each labelled zone's configured labels as label pairs (zone-labels.ts); absent: none. */
  zoneLabels?: () => ReadonlyMap<string, string>;
  /** Called for each zone block built; tests count rebuilds with it. */
  onZoneBuilt?: (zoneId: string) => void;
}

/**
 * The exposition text of every inventory-derived family, kept in memory between scrapes (compressed, once its gzip is made: see ZoneGroup). A
 * zone's block is rebuilt only when the inventory reports a change of that zone, when its
 * summary mode changes, or when one of its values turns with time (a certificate expires, a
 * trust-store CA becomes valid or expires); only the groups holding rebuilt zones are copied
 * again, and the body is compressed at most once per change. A scrape that finds nothing
 * changed walks no record.
 */
export class InventorySnapshot {
  private readonly groups = Array.from({ length: GROUPS }, () => new ZoneGroup());
  private seenVersion = -1;
  private seenSummarized: ReadonlySet<string> = new Set();
  private seenLabels: ReadonlyMap<string, string> = new Map();
  private nextFlipAt = Infinity;
  /** Which body (by its number) each format's gzip head is of; a number, not the body, so an old body is not kept alive. */
  private readonly gzipped: Partial<Record<ExpositionFormat, { of: number; head: Promise<GzipHead> }>> = {};
  private bodyNumber = 0;
  /**
   * The last-success lines (see LAST_SUCCESS), of inventory.successVersion `of`, with their
   * compressed form; like a group's, the text is let go once compressed (~1 MB at 1,000 zones).
   */
  private lastSuccess: LastSuccess = { of: -1, text: Buffer.alloc(0), segment: null, deflated: null };
  /** The last plain body of each format, by body number: in the making, then held weakly (see plain). */
  private readonly plainKept: Partial<Record<ExpositionFormat, PlainKept>> = {};
  /** One refresh shared by every scrape that arrives while it runs. */
  private readonly refresh = shareInFlight(() => this.refreshNow());

  constructor(private readonly sources: InventorySnapshotSources) {}

  /**
   * The current text, as buffers to send one after the other. The groups keep their text
   * compressed only (ZoneGroup), so this inflates it, a segment at a time: made per call and
   * kept by nobody once sent. Scrapes ask for gzip; this is the rare one that does not.
   */
  async plain(format: ExpositionFormat = "prometheus"): Promise<readonly Buffer[]> {
    await this.refresh();
    const of = this.bodyNumber;
    const kept = this.plainKept[format];
    if (kept?.of === of) {
      const parts = kept.parts instanceof Promise ? await kept.parts : kept.parts.deref();
      if (parts) return parts;
    }
    const parts = this.inflateBody(format === "prometheus" ? HEADERS : OPENMETRICS_HEADERS);
    const entry: PlainKept = { of, parts };
    this.plainKept[format] = entry;
    const made = await parts;
    // Held weakly: the scrapes sending it keep it, and those arriving meanwhile share it; once
    // all are sent it goes, and only the compressed form stays.
    if (this.plainKept[format] === entry) entry.parts = new WeakRef(made);
    return made;
  }

  /**
   * The current text, compressed as the head of a gzip stream: off the event loop, and only
   * the groups that changed since the last compression.
   */
  async gzipHead(format: ExpositionFormat = "prometheus"): Promise<GzipHead> {
    await this.refresh();
    let kept = this.gzipped[format];
    if (kept?.of !== this.bodyNumber) this.gzipped[format] = kept = { of: this.bodyNumber, head: this.compress(DEFLATED_HEADERS[format]) };
    return kept.head;
  }

  /**
   * Brings the text and its gzip (Prometheus format, what scrapes ask for) up to date now, off
   * any scrape: called when a sweep ends, so the first scrape after it does not pay for every
   * zone the sweep changed (at 1,000 zones that is most of a second of CPU, text and gzip).
   */
  async prepare(): Promise<void> {
    await this.gzipHead("prometheus");
  }

  /** Each group's segments are compressed once per change, whichever formats ask for them. */
  private async compress(headers: readonly Segment[]): Promise<GzipHead> {
    // Asked for before any await, so every group's segments are those of the current body.
    const pending = this.groups.map((group) => group.deflated());
    const lastSuccess = this.lastSuccess;
    const lastSuccessSegment = (lastSuccess.deflated ??= deflateSegment(lastSuccess.text!).then((segment) => {
      lastSuccess.segment = segment;
      lastSuccess.text = null;
      return segment;
    }));
    const groups = await Promise.all(pending);
    const tail = await lastSuccessSegment;
    const segments: Segment[] = [];
    headers.forEach((header, i) => {
      segments.push(header);
      for (const group of groups) segments.push(group[i]!);
      if (i === LAST_SUCCESS) segments.push(tail);
    });
    return gzipHeadOf(segments);
  }

  private async refreshNow(): Promise<void> {
    const { inventory, clock } = this.sources;
    const now = clock.now();
    const summarized = this.sources.summarizedZones();
    const labels = this.sources.zoneLabels?.() ?? this.seenLabels;
    const version = inventory.version;
    if (version === this.seenVersion && now < this.nextFlipAt && sameMembers(summarized, this.seenSummarized) && sameEntries(labels, this.seenLabels)) {
      if (inventory.successVersion !== this.lastSuccess.of) {
        this.renderLastSuccess();
        this.bodyNumber += 1;
      }
      return;
    }
    // Changed zones by group: each group is built and assembled in turn, so the text of at
    // most one group's fresh zones is on the JS heap at a time, even when every zone changed.
    const changed = new Map<ZoneGroup, string[]>();
    for (const [zoneId, zoneVersion] of inventory.zoneVersions()) {
      const group = this.groups[groupIndex(zoneId, GROUPS)]!;
      const cached = group.zones.get(zoneId);
      if (cached && cached.version === zoneVersion && cached.summarized === summarized.has(zoneId) && cached.labels === (labels.get(zoneId) ?? "") && now < cached.flipAt) continue;
      const zoneIds = changed.get(group);
      if (zoneIds) zoneIds.push(zoneId);
      else changed.set(group, [zoneId]);
    }
    let sliceStart = performance.now();
    for (const [group, zoneIds] of changed) {
      for (const zoneId of zoneIds) {
        if (performance.now() - sliceStart > YIELD_EVERY_MS) {
          await nextTurn();
          sliceStart = performance.now();
        }
        // Read again after a yield: the zone may have changed or gone meanwhile.
        const zoneVersion = inventory.zoneVersions().get(zoneId);
        if (zoneVersion === undefined) continue;
        const isSummarized = summarized.has(zoneId);
        const zoneLabels = labels.get(zoneId) ?? "";
        const block = buildZoneBlock(inventory.slotsOf(zoneId), isSummarized, now, zoneLabels);
        group.zones.set(zoneId, { ...block, version: zoneVersion, summarized: isSummarized, labels: zoneLabels });
        group.dirty = true;
        this.sources.onZoneBuilt?.(zoneId);
      }
      if (group.dirty) group.assemble();
    }
    const live = inventory.zoneVersions();
    this.nextFlipAt = Infinity;
    let removed = false;
    for (const group of this.groups) {
      for (const [zoneId, zone] of group.zones) {
        if (!live.has(zoneId)) {
          group.zones.delete(zoneId);
          group.dirty = removed = true;
        } else this.nextFlipAt = Math.min(this.nextFlipAt, zone.flipAt);
      }
      if (group.dirty) group.assemble();
    }
    this.seenVersion = version;
    this.seenSummarized = summarized;
    this.seenLabels = labels;
    const successMoved = inventory.successVersion !== this.lastSuccess.of;
    if (changed.size > 0 || removed || successMoved) {
      this.renderLastSuccess();
      this.bodyNumber += 1;
    }
  }

  /**
   * Renders the last-success lines again (no yield: one short line per (zone, source)), in the
   * order the zone blocks are in, with each zone's labels as its block was built with; the
   * caller then assembles a new body.
   */
  private renderLastSuccess(): void {
    const { inventory } = this.sources;
    const of = inventory.successVersion;
    const chunks: string[] = [];
    for (const group of this.groups) {
      for (const [zoneId, zone] of group.zones) chunks.push(lastSuccessLines(inventory.slotsOf(zoneId), zone.labels));
    }
    this.lastSuccess = { of, text: Buffer.from(chunks.join("")), segment: null, deflated: null };
  }

  /**
   * All families, each once with its header, its samples gathered from every group, inflated
   * where a group keeps only its compressed form. What to send is taken at once (views and
   * compressed segments, which never change), then inflated a few milliseconds at a time, so
   * /healthz and other requests are answered in between.
   */
  private async inflateBody(headers: readonly Buffer[]): Promise<Buffer[]> {
    const sources: Array<Buffer | Segment> = [];
    const lastSuccess = this.lastSuccess.text ?? this.lastSuccess.segment!;
    headers.forEach((header, i) => {
      sources.push(header);
      for (const group of this.groups) {
        const source = group.source(i);
        if (source.length > 0) sources.push(source);
      }
      if (i === LAST_SUCCESS && lastSuccess.length > 0) sources.push(lastSuccess);
    });
    const parts: Buffer[] = [];
    let sliceStart = performance.now();
    for (const source of sources) {
      if (Buffer.isBuffer(source)) {
        parts.push(source);
        continue;
      }
      if (performance.now() - sliceStart > YIELD_EVERY_MS) {
        await nextTurn();
        sliceStart = performance.now();
      }
      parts.push(inflateSegment(source));
    }
    return parts;
  }
}

interface PlainKept {
  of: number;
  parts: Promise<Buffer[]> | WeakRef<Buffer[]>;
}

interface LastSuccess {
  of: number;
  /** Null once compressed: `segment` holds it then. */
  text: Buffer | null;
  segment: Segment | null;
  deflated: Promise<Segment> | null;
}

function sameMembers(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function sameEntries(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}
