import { describe, expect, it } from "vitest";
import { parseOriginCaExpiresOn } from "./expires-on.js";

const AT = Date.UTC(2032, 0, 29, 22, 36, 0);

describe("parseOriginCaExpiresOn", () => {
  it.each([
    ["Go's time.String(), the one value on record", "2032-01-29 22:36:00 +0000 UTC"],
    ["Go's form with nanoseconds", "2032-01-29 22:36:00.000000000 +0000 UTC"],
    ["Go's form with a monotonic clock reading", "2032-01-29 22:36:00 +0000 UTC m=+0.000000001"],
    ["Go's form in another zone", "2032-01-29 23:36:00 +0100 CET"],
    ["Go's form for a zone without an abbreviation", "2032-01-30 01:36:00 +0300 +03"],
    ["a bare numeric offset", "2032-01-29 22:36:00 +0000"],
    ["a bare offset west of UTC", "2032-01-29 17:36:00 -0500"],
    ["RFC 3339 in UTC", "2032-01-29T22:36:00Z"],
    ["RFC 3339 with a fraction", "2032-01-29T22:36:00.000000Z"],
    ["RFC 3339 with an offset", "2032-01-30T00:36:00+02:00"],
    ["RFC 3339 with a space for the T", "2032-01-29 22:36:00Z"],
    ["surrounding whitespace", "  2032-01-29 22:36:00 +0000 UTC\n"],
  ])("reads %s", (_, text) => {
    expect(parseOriginCaExpiresOn(text)).toBe(AT);
  });

  it("keeps a sub-second fraction", () => {
    expect(parseOriginCaExpiresOn("2032-01-29 22:36:00.5 +0000 UTC")).toBe(AT + 500);
  });

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["an empty string", ""],
    ["a number", 1959028560],
    ["an object", { at: "2032-01-29" }],
    ["words", "next year"],
    ["a date without a time", "2032-01-29"],
    ["a time without an offset (which instant is a guess)", "2032-01-29 22:36:00"],
    ["a day that does not exist", "2032-02-30 12:00:00 +0000 UTC"],
    ["an hour that does not exist", "2032-01-29 25:00:00 +0000 UTC"],
    ["an offset that does not exist", "2032-01-29 22:36:00 +2500 UTC"],
    ["trailing garbage", "2032-01-29 22:36:00 +0000 UTC and then some"],
    ["a very long string", "2".repeat(100_000)],
  ])("answers null, without throwing, for %s", (_, value) => {
    expect(parseOriginCaExpiresOn(value)).toBeNull();
  });
});
