// The README's table of stores, rendered from the registry so the two cannot disagree.
import type { StoreModule } from "../src/stores/store.js";

export const TABLE_BEGIN = "<!-- stores table: generated from src/stores/registry.ts by `npm run docs:stores` -->";
export const TABLE_END = "<!-- end of stores table -->";

export function renderStoresTable(stores: readonly StoreModule[]): string {
  const rows = stores.map((store) => `| \`${store.name}\` | ${store.resource} | ${store.endpoints} |`);
  return ["| source | Cloudflare resource | endpoint (list endpoints, 50 a page, every page) |", "|---|---|---|", ...rows].join("\n");
}

/** The text between the markers; throws when they are missing so a broken README is noticed. */
export function storesTableIn(readme: string): string {
  const begin = readme.indexOf(TABLE_BEGIN);
  const end = readme.indexOf(TABLE_END);
  if (begin < 0 || end < begin) throw new Error(`README.md lacks the stores table markers (${TABLE_BEGIN} … ${TABLE_END})`);
  return readme.slice(begin + TABLE_BEGIN.length, end).trim();
}

export function withStoresTable(readme: string, table: string): string {
  const begin = readme.indexOf(TABLE_BEGIN) + TABLE_BEGIN.length;
  const end = readme.indexOf(TABLE_END);
  storesTableIn(readme);
  return `${readme.slice(0, begin)}\n${table}\n${readme.slice(end)}`;
}
