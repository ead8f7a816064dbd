// scripts/write-build-info.mjs, run by `npm run build`: the revision behind certwatch_build_info
// and `certwatch --version`, and the example config `certwatch init` writes from dist/.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("../../scripts/write-build-info.mjs", import.meta.url));
const EXAMPLE = fileURLToPath(new URL("../../config/certwatch.example.yaml", import.meta.url));

/** A package tree outside any git checkout, as a container build context is. */
function packageCopy(): string {
  const root = mkdtempSync(join(tmpdir(), "certwatch-build-"));
  mkdirSync(join(root, "scripts"));
  mkdirSync(join(root, "config"));
  copyFileSync(SCRIPT, join(root, "scripts", "write-build-info.mjs"));
  copyFileSync(EXAMPLE, join(root, "config", "certwatch.example.yaml"));
  return root;
}

function build(root: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [join(root, "scripts", "write-build-info.mjs")], { env: { PATH: process.env.PATH, ...env }, encoding: "utf8" });
}

const revisionIn = (root: string) => (JSON.parse(readFileSync(join(root, "dist", "build-info.json"), "utf8")) as { revision: string }).revision;

describe("write-build-info", () => {
  it("writes unknown without git or env, and copies the example config into dist/", () => {
    const root = packageCopy();
    expect(build(root).status).toBe(0);
    expect(revisionIn(root)).toBe("unknown");
    expect(readFileSync(join(root, "dist", "certwatch.example.yaml"), "utf8")).toBe(readFileSync(EXAMPLE, "utf8"));
  });

  it("takes CERTWATCH_REVISION, else SOURCE_COMMIT", () => {
    const root = packageCopy();
    build(root, { CERTWATCH_REVISION: "abc1234", SOURCE_COMMIT: "def5678" });
    expect(revisionIn(root)).toBe("abc1234");
    build(root, { CERTWATCH_REVISION: "", SOURCE_COMMIT: "def5678" });
    expect(revisionIn(root)).toBe("def5678");
  });

  it("takes the short git revision in a checkout", () => {
    const root = packageCopy();
    const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8", env: { PATH: process.env.PATH, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t", HOME: root } });
    git("init", "-q");
    git("add", ".");
    git("commit", "-q", "-m", "x");
    build(root);
    expect(revisionIn(root)).toBe(git("rev-parse", "--short", "HEAD").trim());
  });

  it("refuses a revision that does not look like one", () => {
    const result = build(packageCopy(), { CERTWATCH_REVISION: 'x"} 1\nevil' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("refusing revision");
  });
});
