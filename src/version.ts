import { readFileSync } from "node:fs";

/** The package version, read once from package.json next to src/ or dist/. */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
).version;

/**
 * The git revision `npm run build` wrote into dist/build-info.json (scripts/write-build-info.mjs);
 * "unknown" when run from source (tsx) or when the build could not tell.
 */
export const REVISION: string = readRevision();

function readRevision(): string {
  try {
    const info = JSON.parse(readFileSync(new URL("./build-info.json", import.meta.url), "utf8")) as { revision?: unknown };
    return typeof info.revision === "string" && info.revision !== "" ? info.revision : "unknown";
  } catch {
    return "unknown";
  }
}
