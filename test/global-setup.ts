// vitest globalSetup (vitest.config.ts's integration project, vitest.e2e.config.ts; the unit
// project runs without it): builds dist/ once per run, as
// `npm run build` does (tsc -p tsconfig.build.json, then scripts/write-build-info.mjs), so the
// tests that spawn the daemon (test/helpers/spawn-daemon.ts) run `node dist/main.js`: the
// artefact the image ships, with its build-info.json, and no TypeScript loader on every spawn.
// Always a clean build: dist/ never holds files of sources that have moved or gone.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

/** Runs `npm run build` in a clean dist/; throws with the build's own output when it fails. */
export function buildDist(): void {
  const started = Date.now();
  rmSync(join(ROOT, "dist"), { recursive: true, force: true });
  const result = spawnSync("npm", ["run", "--silent", "build"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (result.error !== undefined || result.status !== 0) {
    const how = result.error !== undefined ? result.error.message : `exit ${result.status ?? result.signal}`;
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
    throw new Error(`global setup: \`npm run build\` failed (${how}); the tests that spawn the daemon run dist/main.js\n${output}`);
  }
  console.log(`global setup: built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export default function setup(project: TestProject): void {
  buildDist();
  // Watch mode: a rerun picks up changed sources in the daemon it spawns too.
  project.onTestsRerun(() => buildDist());
}
