import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { deflateSegment, deflateSegmentSync, gzipHeadOf, gzipWithTail } from "../../src/metrics/snapshot/gzip-parts.js";

describe("gzipWithTail", () => {
  it("appends the tail as stored blocks, any length, after a head of any size", () => {
    for (const [head, tail] of [["", ""], ["abc\n", ""], ["", "x"], ["head\n".repeat(5000), "tail\n".repeat(40_000)], ["a", "b".repeat(65_535)], ["a", "b".repeat(65_536)]] as const) {
      const segments = head ? [deflateSegmentSync(Buffer.from(head))] : [];
      const body = Buffer.concat(gzipWithTail(gzipHeadOf(segments), Buffer.from(tail)));
      expect(gunzipSync(body).toString()).toBe(head + tail);
    }
  });
});

describe("deflateSegment", () => {
  it("keeps a buffer of its own size, not zlib's 16 KB output chunk", async () => {
    const segment = await deflateSegment(Buffer.from("certwatch_cert_info{zone=\"a\"} 1\n".repeat(100)));
    expect(segment.deflated.buffer.byteLength).toBeLessThan(16 * 1024);
    const body = Buffer.concat(gzipWithTail(gzipHeadOf([segment]), Buffer.alloc(0)));
    expect(gunzipSync(body).toString()).toBe("certwatch_cert_info{zone=\"a\"} 1\n".repeat(100));
  });
});
