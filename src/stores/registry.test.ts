import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ORDERED_ACCOUNT_STORE_SIMULATORS, ORDERED_STORE_SIMULATORS } from "../../dev/simulator/stores.js";
import { ROUTE_TEMPLATES } from "../../dev/simulator/routes.js";
import { renderStoresTable, storesTableIn } from "../../scripts/stores-table.js";
import { ALL_SOURCES, SOURCE_NAMES, STORES } from "./registry.js";
import { STATUS_CLASSES } from "./status-class.js";

describe("the store registry", () => {
  it("is where every list of stores comes from: names and polling order", () => {
    expect(SOURCE_NAMES).toEqual(STORES.map((store) => store.name));
    expect(new Set(SOURCE_NAMES).size).toBe(STORES.length);
    expect(ALL_SOURCES).toEqual(STORES);
  });

  it("matches the README's table (run `npm run docs:stores` after changing a store)", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    expect(storesTableIn(readme)).toBe(renderStoresTable(STORES));
  });

  it("is documented wherever the docs list the stores by hand", () => {
    for (const path of ["../../docs/configuration.md", "../../docs/alerts.md", "../../docs/metrics.md", "../../config/certwatch.example.yaml"]) {
      const text = readFileSync(new URL(path, import.meta.url), "utf8");
      expect([path, SOURCE_NAMES.filter((name) => !text.includes(name))]).toEqual([path, []]);
    }
  });

  it("gives every status value a store documents a class of its own, never the fallback", () => {
    for (const store of STORES) {
      const unclassified = store.statuses.documented.filter((status) => !STATUS_CLASSES.has(status));
      expect([store.name, unclassified]).toEqual([store.name, []]);
    }
  });

  it("has a simulator part for every scope of every store, whose routes the simulator serves", () => {
    expect(ORDERED_STORE_SIMULATORS).toHaveLength(STORES.filter((store) => store.poll !== undefined).length);
    expect(ORDERED_ACCOUNT_STORE_SIMULATORS).toHaveLength(STORES.filter((store) => store.pollAccount !== undefined).length);
    const served = new Set(Object.values(ROUTE_TEMPLATES));
    for (const simulator of [...ORDERED_STORE_SIMULATORS, ...ORDERED_ACCOUNT_STORE_SIMULATORS]) {
      for (const template of Object.values(simulator.routes)) expect(served.has(template as never)).toBe(true);
    }
    for (const simulator of ORDERED_ACCOUNT_STORE_SIMULATORS) {
      for (const template of Object.values(simulator.routes)) expect(template).toMatch(/^\/accounts\/:account_id\//);
    }
  });
});
