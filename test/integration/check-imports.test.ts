// The import checker CI runs (scripts/check-imports.mjs), on small trees written for each case.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { importProblems } from "../../scripts/check-imports.mjs";

const SCRIPT = fileURLToPath(new URL("../../scripts/check-imports.mjs", import.meta.url));
const roots: string[] = [];

/** A repository root holding `files` (path → text). */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "check-imports-"));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** As CI runs it: a child process, its exit code and what it printed. */
function check(root: string): { code: number | null; output: string } {
  const run = spawnSync(process.execPath, [SCRIPT, root], { encoding: "utf8" });
  return { code: run.status, output: run.stdout + run.stderr };
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe("check-imports", () => {
  it("passes a tree whose imports run one way, without a dev/ folder", () => {
    const root = tree({
      "src/model/record.ts": "export interface Record { id: string }\n",
      "src/model/index.ts": 'export type { Record } from "./record.js";\n',
      "src/alerts/rules.ts": 'import type { Record } from "../model/index.js";\nimport { z } from "zod";\nexport const rule = (r: Record) => z.string().parse(r.id);\n',
      "src/main.ts": 'import { rule } from "./alerts/rules.js";\nawait import("./alerts/rules.js");\nrule({ id: "a" });\n',
    });
    const { code, output } = check(root);
    expect(output).toContain("no cycles");
    expect(code).toBe(0);
  });

  it("fails on a cycle and prints its whole path, type-only imports included", () => {
    const root = tree({
      "src/a.ts": 'import { b } from "./b.js";\nexport const a = () => b();\n',
      "src/b.ts": 'import type { C } from "./nested/c.js";\nexport const b = (c?: C) => c;\n',
      "src/nested/c.ts": 'import { a } from "../a.js";\nexport type C = ReturnType<typeof a>;\n',
      "src/fine.ts": 'import { a } from "./a.js";\na();\n',
    });
    const { code, output } = check(root);
    expect(code).toBe(1);
    expect(output).toContain("import cycle: src/a.ts -> src/b.ts -> src/nested/c.ts -> src/a.ts");
    expect(output).not.toContain("fine.ts");
  });

  it("finds a cycle that runs through dev/", () => {
    const root = tree({
      "src/x.ts": "export const x = 1;\n",
      "dev/sim/one.ts": 'import { two } from "./two.js";\nimport { x } from "../../src/x.js";\nexport const one = x + two;\n',
      "dev/sim/two.ts": 'import { one } from "./one.js";\nexport const two = one;\n',
    });
    expect(importProblems(root)).toEqual(["import cycle: dev/sim/one.ts -> dev/sim/two.ts -> dev/sim/one.ts"]);
  });

  it("fails when src/model/ imports anything outside itself, a package included", () => {
    const root = tree({
      "src/model/record.ts": 'import { z } from "zod";\nimport type { T } from "../alerts/t.js";\nexport type R = T;\nexport const s = z.string();\n',
      "src/alerts/t.ts": "export type T = string;\n",
    });
    expect(importProblems(root)).toEqual([
      'model imports: src/model/record.ts imports "zod" (src/model/ must import nothing outside itself)',
      'model imports: src/model/record.ts imports "../alerts/t.js" (src/model/ must import nothing outside itself)',
    ]);
  });

  it("fails when shipped code imports dev/, test/, a test or a simulator part, and lets tests and simulator parts use them", () => {
    const root = tree({
      "src/main.ts": 'import { sim } from "../dev/sim.js";\nimport { fake } from "../test/helpers/fake.js";\nimport { part } from "./stores/a/store.sim.js";\nsim(fake, part);\n',
      "src/stores/a/store.sim.ts": 'import { sim } from "../../../dev/sim.js";\nexport const part = sim;\n',
      "src/stores/a/store.test.ts": 'import { fake } from "../../../test/helpers/fake.js";\nexport const t = fake;\n',
      "dev/sim.ts": "export const sim = (...x: unknown[]) => x;\n",
      "test/helpers/fake.ts": "export const fake = 1;\n",
    });
    expect(importProblems(root)).toEqual([
      "shipped code imports what does not ship: src/main.ts imports dev/sim.ts",
      "shipped code imports what does not ship: src/main.ts imports test/helpers/fake.ts",
      "shipped code imports what does not ship: src/main.ts imports src/stores/a/store.sim.ts",
    ]);
  });
});
