import { describe, expect, it } from "vitest";
import { derivedFrom } from "./derived-from.js";

describe("derivedFrom", () => {
  it("derives again only when what it reads is another value", () => {
    let source: readonly number[] = [1, 2];
    let derivations = 0;
    const total = derivedFrom(
      () => source,
      (values) => (derivations++, values.reduce((a, b) => a + b, 0)),
    );
    expect([total(), total()]).toEqual([3, 3]);
    expect(derivations).toBe(1);
    source = [1, 2, 3];
    expect(total()).toBe(6);
    expect(derivations).toBe(2);
  });
});
