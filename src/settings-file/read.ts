/**
 * From a settings file to the plain tree a schema reads: the file read, YAML parsed strictly,
 * `${VAR}` substituted from the environment (certwatch.yaml only), empty values made absent.
 * All stop short of judging settings; the schemas do that.
 */
import { readFileSync } from "node:fs";
import { isNode, LineCounter, parseDocument, Scalar, visit, type Document, type YAMLError } from "yaml";
import { describeValue, formatPath, isRecord, type PathSegment, type Problem, type SecretEntry } from "./problems.js";

/** The text of the file at `path`, or why it cannot be read; `expected` names the kind of file. */
export function readText(path: string, expected: string): { text: string } | { problem: Problem } {
  try {
    return { text: readFileSync(path, "utf8") };
  } catch (error) {
    return { problem: { path: [], location: "(file)", expected, found: readErrorWords(error) } };
  }
}

export function readErrorWords(error: unknown): string {
  const code = isRecord(error) && typeof error["code"] === "string" ? error["code"] : undefined;
  if (code === "ENOENT") return "no such file (ENOENT)";
  if (code === "EACCES") return "permission denied (EACCES)";
  if (code === "EISDIR") return "a directory (EISDIR)";
  return error instanceof Error ? error.message : String(error);
}

export type YamlResult =
  | {
      ok: true;
      value: Record<string, unknown>;
      /** Where a key path sits in the text, to list problems in file order; unknown paths sort last. */
      offsetOf: (path: readonly PathSegment[]) => number;
    }
  | { ok: false; problems: Problem[] };

/** A Cloudflare zone or account id, as written: 32 lowercase hex characters. */
const ID_TEXT = /^[0-9a-f]{32}$/;

/**
 * Text to a plain tree. Anything that is not a single YAML mapping stops here: past a syntax
 * error the tree is a guess, and checking a guess would bury the real error in follow-on noise.
 * Warnings (such as an unknown `!tag`, which yaml would quietly turn into a string) count too.
 * `expectedRoot` words the mapping the file must hold; `secretEntry` is for showing a root that is none.
 */
export function parseYaml(text: string, expectedRoot: string, secretEntry?: SecretEntry): YamlResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter, uniqueKeys: true });
  const problems = [...doc.errors, ...doc.warnings].map((error) => syntaxProblem(error, lineCounter));
  // yaml often follows a real error with consequences of it at the same spot; the first says it.
  const firstPerSpot = problems.filter((p, i) => problems.findIndex((q) => q.location === p.location) === i);
  if (firstPerSpot.length > 0) return { ok: false, problems: firstPerSpot };
  if (doc.contents === null) {
    return { ok: false, problems: [{ path: [], expected: expectedRoot, found: "an empty document" }] };
  }
  keepIdsAsText(doc);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Unresolvable or runaway aliases only surface when building the tree.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ path: [], expected: "valid YAML aliases", found: sanitize(message) }] };
  }
  if (!isRecord(value)) {
    return { ok: false, problems: [{ path: [], expected: expectedRoot, found: describeValue(value, undefined, false, secretEntry) }] };
  }
  return { ok: true, value, offsetOf: (path) => offsetIn(doc, path) };
}

/**
 * An unquoted id made only of digits (or of digits around one "e") is a number to YAML, rounded
 * to 17 significant digits or to Infinity, and the id is lost. No setting takes a number written
 * with 32 characters, so such a plain scalar is read as the text it is.
 */
function keepIdsAsText(doc: Document): void {
  visit(doc, {
    Scalar(_key, node) {
      if (node.type === Scalar.PLAIN && typeof node.value !== "string" && typeof node.source === "string" && ID_TEXT.test(node.source)) {
        node.value = node.source;
      }
    },
  });
}

/** A path that is not in the file (a missing key) takes the place of its nearest present parent. */
function offsetIn(doc: Document, path: readonly PathSegment[]): number {
  for (let length = path.length; length > 0; length--) {
    const node = doc.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return Number.POSITIVE_INFINITY;
}

function syntaxProblem(error: YAMLError, lineCounter: LineCounter): Problem {
  const { line, col } = lineCounter.linePos(error.pos[0]);
  const location = `line ${line}, column ${col}`;
  if (error.code === "MULTIPLE_DOCS") {
    return { path: [], location, expected: "a single YAML document", found: 'a second one after "---"' };
  }
  return { path: [], location, expected: "valid YAML", found: `${sanitize(error.message)} (${error.code})` };
}

/**
 * Some yaml messages quote the offending source text, which may be a credential on a broken
 * line; those quotes are dropped, the position already says where to look.
 */
function sanitize(message: string): string {
  return message
    .replace(/: ".*$/s, "")
    .replace(/^(Block scalar header includes extra characters|Not a YAML token): .*$/s, "$1");
}

export interface Interpolated {
  value: unknown;
  problems: Problem[];
  /** Paths (formatted) whose string could not be completed; later checks stay quiet about them. */
  failedPaths: Set<string>;
}

// `$${` is the escape for a literal `${`; a lone `${` without `}` is reported, not passed through.
const TOKEN = /\$\$\{|\$\{([^}]*)\}|\$\{/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Replaces `${VAR}` in every string value of the tree (not in keys) from `env`. One pass:
 * text coming from a variable is not scanned again, so a value containing "${" stays as is.
 * A string with an unknown variable keeps its original text so later checks have a value.
 */
export function interpolate(tree: unknown, env: NodeJS.ProcessEnv, isSecretPath: (path: PathSegment[]) => boolean): Interpolated {
  const result: Interpolated = { value: undefined, problems: [], failedPaths: new Set() };
  const walk = (value: unknown, path: PathSegment[]): unknown => {
    if (typeof value === "string") return substitute(value, path, env, result, isSecretPath(path));
    if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, i]));
    if (isRecord(value)) {
      const copy: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) copy[key] = walk(item, [...path, key]);
      return copy;
    }
    return value;
  };
  result.value = walk(tree, []);
  return result;
}

/** `secret`: the string is a credential (the isSecretPath given to interpolate), so its text is never echoed. */
function substitute(text: string, path: PathSegment[], env: NodeJS.ProcessEnv, out: Interpolated, secret: boolean): string {
  if (!text.includes("${")) return text;
  const where = formatPath(path);
  let failed = false;
  const fail = (problem: Omit<Problem, "path">): string => {
    failed = true;
    out.problems.push({ path, ...problem });
    return "";
  };
  const replaced = text.replace(TOKEN, (match: string, name: string | undefined) => {
    if (match === "$${") return "${";
    if (name === undefined) {
      return fail({ expected: "a closing } after ${ (write $${ for a literal ${)", found: describeValue(text, path.at(-1), secret) });
    }
    if (!NAME.test(name)) {
      return fail({
        expected: "${NAME} with NAME made of letters, digits and _ (write $${ for a literal ${)",
        found: describeValue(match, path.at(-1), secret),
      });
    }
    const replacement = env[name];
    if (replacement === undefined) {
      return fail({ expected: `environment variable ${name} to be set`, found: "it unset" });
    }
    return replacement;
  });
  if (!failed) return replaced;
  out.failedPaths.add(where);
  return text;
}

/**
 * An empty value (`key:` with nothing after it) means "not set", so a section whose lines are all
 * commented out falls back to defaults. Only mapping values: a null inside a list is an error.
 * `drop` removes such keys; otherwise they stay, as undefined, so an unknown one is still reported
 * (certwatch.yaml does that; the web configuration drops them, as it always has).
 */
export function nullsAsAbsent(value: unknown, drop = false): unknown {
  if (Array.isArray(value)) return value.map((item) => nullsAsAbsent(item, drop));
  if (!isRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== null) copy[key] = nullsAsAbsent(item, drop);
    else if (!drop) copy[key] = undefined;
  }
  return copy;
}
