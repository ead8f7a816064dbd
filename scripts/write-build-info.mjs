// Run by `npm run build` after tsc: writes dist/build-info.json ({ revision }) for
// certwatch_build_info and `certwatch --version`, and copies the example config into dist/ for
// `certwatch init` (the image ships dist/, not config/).
// The revision: env CERTWATCH_REVISION, else SOURCE_COMMIT (set by some CI/build services),
// else `git rev-parse --short HEAD`, else "unknown" (a container build has no .git).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";

const root = new URL("../", import.meta.url);
const dist = new URL("dist/", root);

function gitRevision() {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

// Only characters a revision or tag has: the value ends up in a label and a JSON file.
const SAFE = /^[0-9A-Za-z._+-]{1,64}$/;
const candidates = [process.env.CERTWATCH_REVISION, process.env.SOURCE_COMMIT].map((value) => value?.trim() ?? "");
const given = candidates.find((value) => value !== "");
if (given !== undefined && !SAFE.test(given)) {
  console.error(`write-build-info: refusing revision ${JSON.stringify(given)}: expected up to 64 of [0-9A-Za-z._+-]`);
  process.exit(1);
}
const fromGit = given === undefined ? gitRevision() : "";
const revision = given ?? (SAFE.test(fromGit) ? fromGit : "unknown");

mkdirSync(dist, { recursive: true });
writeFileSync(new URL("build-info.json", dist), `${JSON.stringify({ revision })}\n`);
copyFileSync(new URL("config/certwatch.example.yaml", root), new URL("certwatch.example.yaml", dist));
console.log(`dist/build-info.json: revision ${revision}; dist/certwatch.example.yaml copied`);
