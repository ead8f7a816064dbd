import { constants, readFileSync } from "node:fs";
import { mkdir, open } from "node:fs/promises";
import { dirname } from "node:path";
import { systemErrorWords } from "../startup-error.js";

/**
 * Where the example config is: dist/certwatch.example.yaml once built (the image ships dist/,
 * not config/), config/certwatch.example.yaml in a source checkout (tsx).
 */
const EXAMPLE_LOCATIONS = [new URL("../certwatch.example.yaml", import.meta.url), new URL("../../config/certwatch.example.yaml", import.meta.url)];

export function exampleConfigText(): string {
  for (const location of EXAMPLE_LOCATIONS) {
    try {
      return readFileSync(location, "utf8");
    } catch {
      // Not at this location: try the next.
    }
  }
  throw new Error(`the example configuration is missing from this installation (looked for ${EXAMPLE_LOCATIONS.map((l) => l.pathname).join(", ")})`);
}

export type InitResult = { ok: true } | { ok: false; reason: string };

/**
 * Writes the example config to `path`, creating its directory. `wx` makes "refuse to overwrite"
 * part of the open itself, so a file created meanwhile is never clobbered.
 */
export async function writeExampleConfig(path: string): Promise<InitResult> {
  const text = exampleConfigText();
  try {
    await mkdir(dirname(path), { recursive: true });
  } catch (error) {
    return { ok: false, reason: `cannot write ${path}: ${systemErrorWords(error)}` };
  }
  try {
    const file = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    try {
      await file.writeFile(text);
    } finally {
      await file.close();
    }
    return { ok: true };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return { ok: false, reason: `${path} already exists; not overwriting it (remove it first, or pass --config with another path)` };
    return { ok: false, reason: `cannot write ${path}: ${systemErrorWords(error)}` };
  }
}
