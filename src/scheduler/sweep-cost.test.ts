import { describe, expect, it } from "vitest";
import { SweepCost } from "./sweep-cost.js";

describe("SweepCost", () => {
  it("costs 1 until a poll was recorded, then what it measured (at least 1)", () => {
    const cost = new SweepCost();
    expect(cost.of("z1", "certificate_pack")).toBe(1);
    cost.record("z1", "certificate_pack", 3);
    cost.record("z1", "custom_certificate", 0);
    expect(cost.of("z1", "certificate_pack")).toBe(3);
    expect(cost.of("z1", "custom_certificate")).toBe(1);
    expect(cost.of("z2", "certificate_pack")).toBe(1);
    cost.record("z1", "certificate_pack", 2);
    expect(cost.of("z1", "certificate_pack")).toBe(2);
  });

  it("forgets the pairs no longer watched and keeps the rest", () => {
    const cost = new SweepCost();
    cost.record("z1", "certificate_pack", 4);
    cost.record("z1", "custom_certificate", 5);
    cost.record("z2", "certificate_pack", 6);
    cost.retain((zoneId, source) => zoneId === "z1" && source === "custom_certificate");
    expect(cost.of("z1", "certificate_pack")).toBe(1);
    expect(cost.of("z1", "custom_certificate")).toBe(5);
    expect(cost.of("z2", "certificate_pack")).toBe(1);
  });
});
