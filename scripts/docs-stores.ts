// `npm run docs:stores`: rewrites the README's table of stores from src/stores/registry.ts.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { STORES } from "../src/stores/registry.js";
import { renderStoresTable, withStoresTable } from "./stores-table.js";

const readmePath = fileURLToPath(new URL("../README.md", import.meta.url));
const before = readFileSync(readmePath, "utf8");
const after = withStoresTable(before, renderStoresTable(STORES));
if (after === before) {
  console.log("README.md: stores table already up to date");
} else {
  writeFileSync(readmePath, after);
  console.log("README.md: stores table rewritten from src/stores/registry.ts");
}
