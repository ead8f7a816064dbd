import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const MODEL_DIR = new URL("./", import.meta.url);

describe("the model", () => {
  it("imports nothing outside its own folder (no node:, no package, no other part of src)", () => {
    const sources = readdirSync(MODEL_DIR).filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"));
    expect(sources.length).toBeGreaterThan(0);
    for (const name of sources) {
      const text = readFileSync(new URL(name, MODEL_DIR), "utf8");
      const specifiers = [...text.matchAll(/\bfrom\s+"([^"]+)"|\bimport\s*\(\s*"([^"]+)"\s*\)|^\s*import\s+"([^"]+)"/gm)].map((m) => m[1] ?? m[2] ?? m[3]);
      const outside = specifiers.filter((specifier) => !/^\.\/[\w-]+\.js$/.test(specifier ?? ""));
      expect([name, outside]).toEqual([name, []]);
    }
  });
});
