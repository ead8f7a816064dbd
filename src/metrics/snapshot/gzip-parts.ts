import { promisify } from "node:util";
import * as zlib from "node:zlib";

const deflateRawAsync = promisify(zlib.deflateRaw);

/** A piece of text compressed on its own, with what the gzip trailer needs to know of it. */
export interface Segment {
  deflated: Buffer;
  crc: number;
  length: number;
}

/** The start of a gzip stream: everything but a tail and the trailer. */
export interface GzipHead {
  /** The gzip header, then deflate blocks that each end on a full flush (byte-aligned, no back-references across); in one buffer. */
  parts: Buffer[];
  /** CRC-32 and length of the uncompressed text the parts hold. */
  crc: number;
  length: number;
}

// RFC 1952: magic, deflate, no flags, no mtime, no extra flags, unknown OS.
const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
const EMPTY: Segment = { deflated: Buffer.alloc(0), crc: 0, length: 0 };

/**
 * Compresses a piece of text on its own (off the event loop), ending on a full flush instead
 * of a final block. Such pieces, laid end to end, are one valid deflate stream, so each can
 * be compressed once and reused while the others change.
 */
export async function deflateSegment(segment: Buffer): Promise<Segment> {
  if (segment.length === 0) return EMPTY;
  // Each compression holds about 300 KB of zlib state: a full rebuild's thousand segments
  // run two at a time, not all at once.
  while (running >= MAX_CONCURRENT_DEFLATES) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    const deflated = await deflateRawAsync(segment, { finishFlush: zlib.constants.Z_FULL_FLUSH });
    return { deflated: ownCopy(deflated), crc: crc32(segment, 0), length: segment.length };
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

/**
 * zlib's asynchronous output of a small input is a view of its 16 KB output chunk: kept as is,
 * each of the snapshot's ~1,000 segments (1-2 KB compressed) held a whole chunk, 16 MB at
 * 1,000 zones for 1.8 MB of gzip. A copy of its own length frees the chunk.
 */
function ownCopy(buffer: Buffer): Buffer {
  return buffer.byteLength * 2 <= buffer.buffer.byteLength ? Buffer.from(buffer) : buffer;
}

const MAX_CONCURRENT_DEFLATES = 2;
let running = 0;
const waiting: Array<() => void> = [];

export function deflateSegmentSync(segment: Buffer): Segment {
  if (segment.length === 0) return EMPTY;
  return { deflated: zlib.deflateRawSync(segment, { finishFlush: zlib.constants.Z_FULL_FLUSH }), crc: crc32(segment, 0), length: segment.length };
}

/** A segment's text again (a raw deflate stream ending on a full flush, not a final block). */
export function inflateSegment(segment: Segment): Buffer {
  if (segment.length === 0) return EMPTY.deflated;
  return zlib.inflateRawSync(segment.deflated, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
}

/**
 * The gzip head of segments laid end to end. Their CRCs are combined, not computed again over
 * the whole text: a change of one group costs that group's bytes, not the body's.
 */
export function gzipHeadOf(segments: readonly Segment[]): GzipHead {
  const parts: Buffer[] = [HEADER];
  let crc = 0;
  let length = 0;
  for (const segment of segments) {
    if (segment.length === 0) continue;
    parts.push(segment.deflated);
    crc = crc32Combine(crc, segment.crc, segment.length);
    length += segment.length;
  }
  // One buffer, copied once per change: sent as ~1,000 small parts (1-2 KB each), every scrape
  // paid a response write and a view per part, about a millisecond of CPU at 1,000 zones.
  const whole = Buffer.concat(parts);
  // Each segment is then a view of that buffer, the same bytes: the compressed text is kept
  // once, not twice (1.8 MB at 1,000 zones). Its own copy is freed; the buffer lives as long as
  // a segment or a head needs it, and the next head's views replace these.
  let at = HEADER.length;
  for (const segment of segments) {
    if (segment.length === 0) continue;
    const size = segment.deflated.length;
    segment.deflated = whole.subarray(at, at + size);
    at += size;
  }
  return { parts: [whole], crc, length };
}

/**
 * `head` followed by `tail`, as the parts of one gzip stream. The tail (the registry's few KB,
 * different every scrape) goes in stored blocks, uncompressed: compressing it set up a zlib
 * stream per scrape, about 0.4 ms of CPU against a scrape budget of 5 ms, to save a few KB of
 * the ~1.8 MB a large account sends. The head ends on a full flush, byte-aligned, so stored
 * blocks can follow it directly.
 */
export function gzipWithTail(head: GzipHead, tail: Buffer): Buffer[] {
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(tail, head.crc) >>> 0, 0);
  trailer.writeUInt32LE((head.length + tail.length) % 2 ** 32, 4);
  return [...head.parts, ...storedBlocks(tail), trailer];
}

/** The largest stored block (RFC 1951 3.2.4: LEN is 16 bits). */
const STORED_MAX = 0xffff;

/** `data` as deflate stored blocks, the last one final: a header per block and views of `data`. */
function storedBlocks(data: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let at = 0;
  do {
    const length = Math.min(STORED_MAX, data.length - at);
    const final = at + length >= data.length;
    const header = Buffer.alloc(5);
    // BFINAL, BTYPE 00 (stored), padding to the byte; then LEN and its ones' complement NLEN.
    header[0] = final ? 1 : 0;
    header.writeUInt16LE(length, 1);
    header.writeUInt16LE(~length & 0xffff, 3);
    parts.push(header);
    if (length > 0) parts.push(data.subarray(at, at + length));
    at += length;
  } while (at < data.length);
  return parts;
}

// crc32_combine as zlib 1.2.12 does it: CRCs are polynomials over GF(2), and appending n bytes
// multiplies the first CRC by x^(8n) modulo the CRC polynomial.
const POLY = 0xedb88320;

function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) modulo the polynomial, for k = 0..31. */
const X2N: number[] = [];
for (let p = 0x40000000, k = 0; k < 32; k++) {
  X2N.push(p);
  p = multModP(p, p);
}

function x2nModP(n: number, k: number): number {
  let p = 0x80000000;
  for (; n > 0; n = Math.floor(n / 2), k++) if (n % 2 === 1) p = multModP(X2N[k & 31]!, p);
  return p;
}

/** The CRC of A then B, from the CRC of A, the CRC of B and B's length. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multModP(x2nModP(lengthB, 3), crcA) ^ crcB) >>> 0;
}

type Crc32 = (data: Buffer, value: number) => number;

/** zlib.crc32 arrived in Node 20.15; the engines field allows 20.11. */
const crc32: Crc32 = (zlib as { crc32?: Crc32 }).crc32 ?? tableCrc32;

let table: Uint32Array | null = null;

function tableCrc32(data: Buffer, value: number): number {
  table ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = ~value >>> 0;
  for (const byte of data) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return ~crc >>> 0;
}
