import { describe, expect, it } from "vitest";
import { parseDuration } from "../../src/clock/duration.js";

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe("parseDuration", () => {
  it.each([
    ["0s", 0],
    ["0ms", 0],
    ["1ms", 1],
    ["250ms", 250],
    ["30s", 30 * S],
    ["90s", 90 * S],
    ["1m", M],
    ["30m", 30 * M],
    ["90m", 90 * M],
    ["4h", 4 * H],
    ["1d", D],
    ["2w", 14 * D],
    ["1y", 365 * D],
    ["007m", 7 * M],
  ])("reads %j", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ["1h30m", H + 30 * M],
    ["1d12h", D + 12 * H],
    ["2m30s", 2 * M + 30 * S],
    ["1s500ms", 1500],
    ["1y2w3d4h5m6s7ms", 365 * D + 14 * D + 3 * D + 4 * H + 5 * M + 6 * S + 7],
  ])("adds up the combined form %j", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it("ignores whitespace around the value, as a ${VAR} may bring", () => {
    expect(parseDuration(" 5m\n")).toBe(5 * M);
  });

  it.each([
    "",
    " ",
    "30",
    "0",
    "-5m",
    "+5m",
    "1.5h",
    "5M",
    "5H",
    "5 m",
    "1h 30m",
    "30m1h", // units must go from largest to smallest, as in Prometheus
    "1h1h",
    "5ms5s",
    "5mins",
    "5sec",
    "h",
    "m5",
    "1hh",
    "P1D",
    "1e3s",
    "99999999999999999999y", // beyond what a number holds exactly
  ])("rejects %j", (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});
