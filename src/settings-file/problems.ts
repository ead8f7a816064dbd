/**
 * What is wrong with a YAML settings file (certwatch.yaml, the web configuration), said the same
 * way for both: a key path, what was expected and what was found, with credentials never echoed.
 */
import type { z } from "zod";

/**
 * One thing wrong with a settings file. Every check produces these instead of throwing, so a
 * single load can report all of them at once.
 */
export interface Problem {
  /** The key path it concerns (`["zones", 1, "id"]`); empty for the document as a whole. */
  path: readonly PathSegment[];
  /** Shown instead of the path where there is no key to name: `(file)`, `line 3, column 7`. */
  location?: string;
  /** What would have been acceptable, phrased to follow the word "expected". */
  expected: string;
  /** What was there instead, already rendered (see describeValue) and free of secrets. */
  found: string;
}

export type PathSegment = string | number;

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function formatPath(path: readonly PathSegment[]): string {
  if (path.length === 0) return "(root)";
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

export function formatProblem(file: string, problem: Problem): string {
  return `${file}: ${problem.location ?? formatPath(problem.path)}: expected ${problem.expected}, found ${problem.found}`;
}

export const REDACTED = "<redacted>";

/**
 * Keys whose values are credentials wherever they appear (api_token, api_key, routing_key,
 * secret); also a webhook's `headers`, which may carry an Authorization value.
 */
export function isSecretKey(key: PathSegment | undefined): boolean {
  return typeof key === "string" && (/token|key|secret|passw/i.test(key) || key === "headers");
}

/** Whether `holder[key]` is a credential when describeValue shows a whole mapping or list. */
export type SecretEntry = (holder: unknown, key: string) => boolean;

const MAX_FOUND_CHARS = 80;

/**
 * Renders a value for the "found" half of a message: JSON-ish so strings are visibly quoted,
 * cut short so a pasted certificate does not flood the terminal, and with anything stored
 * under a secret-looking key replaced, because error text ends up in logs and CI output.
 * `secret` says the value itself is one; by default judged by `key` alone.
 * An empty string is shown as it is: there is nothing in it to give away.
 */
export function describeValue(value: unknown, key?: PathSegment, secret = isSecretKey(key), secretEntry?: SecretEntry): string {
  if (value === undefined) return "nothing";
  if (secret && hides(value)) return JSON.stringify(REDACTED);
  if (typeof value === "number") return String(value); // keeps NaN/Infinity readable
  let text: string;
  try {
    text =
      JSON.stringify(value, function (this: unknown, k: string, v: unknown) {
        return (isSecretKey(k) || secretEntry?.(this, k)) && hides(v) ? REDACTED : v;
      }) ?? String(value);
  } catch {
    text = String(value);
  }
  return truncate(text);
}

function hides(value: unknown): boolean {
  return value !== null && value !== "";
}

function truncate(text: string): string {
  if (text.length <= MAX_FOUND_CHARS) return text;
  const quoted = text.startsWith('"');
  return `${text.slice(0, MAX_FOUND_CHARS - 2)}…${quoted ? '"' : ""} (${text.length} chars)`;
}

/**
 * Secrets can still land in a "found" through places no key name gives away (a token pasted
 * into `base_url`, a YAML error quoting the line), so known secret values are masked as text too.
 * Very short values are skipped: masking "abc" would garble unrelated messages and is no leak.
 */
export function scrubSecrets(problem: Problem, secrets: readonly string[]): Problem {
  let found = problem.found;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_CHARS) found = maskCutSecret(found.split(secret).join(REDACTED), secret);
  }
  return found === problem.found ? problem : { ...problem, found };
}

const MIN_SECRET_CHARS = 6;

/**
 * describeValue cuts long text with "…", possibly inside a secret, so the whole value no longer
 * matches; the start of the secret left before the cut is masked too.
 */
function maskCutSecret(found: string, secret: string): string {
  for (let cut = found.indexOf("…"); cut >= 0; cut = found.indexOf("…", cut + 1)) {
    for (let kept = Math.min(secret.length - 1, cut); kept >= MIN_SECRET_CHARS; kept--) {
      if (found.slice(cut - kept, cut) === secret.slice(0, kept)) {
        found = `${found.slice(0, cut - kept)}${REDACTED}${found.slice(cut)}`;
        cut = cut - kept + REDACTED.length;
        break;
      }
    }
  }
  return found;
}

/**
 * For "already used" checks: the returned function gives the index at which `key` was first
 * seen, or undefined (and remembers `index`) when this is the first time.
 */
export function firstSeen(): (key: string, index: number) => number | undefined {
  const firstIndex = new Map<string, number>();
  return (key, index) => {
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, index);
    return first;
  };
}

/**
 * Each string of `list` equal, by `key`, to an earlier one, as a problem `at` places and words.
 * Other items, and strings `key` gives no key for, are the schema's to judge.
 */
export function repeats(
  list: unknown,
  key: (item: string) => string | undefined,
  at: (index: number, first: number) => { path: PathSegment[]; expected: string },
): Problem[] {
  if (!Array.isArray(list)) return [];
  const seen = firstSeen();
  return list.flatMap((item, i): Problem[] => {
    const itemKey = typeof item === "string" ? key(item) : undefined;
    const first = itemKey === undefined ? undefined : seen(itemKey, i);
    return first === undefined ? [] : [{ ...at(i, first), found: describeValue(item) }];
  });
}

/**
 * Turns schema issues into problems. The schema words every message as the "expected" half; the
 * "found" half is read from the tree the schema saw, so it shows the user's own value, unless the
 * issue carries its own `params.found` (a value the schema compared, maybe a default).
 */
export function issueProblems(
  issues: readonly z.core.$ZodIssue[],
  tree: unknown,
  file: {
    /** The "expected" half for an unknown key under `parent`. */
    unknownKey: (parent: PathSegment[], key: string) => string;
    isSecretPath: (path: readonly PathSegment[]) => boolean;
    secretEntry?: SecretEntry;
    /** Whether a `params.found` for a key the file does not set says "(the default)". */
    namesDefaults?: boolean;
  },
): Problem[] {
  return issues.flatMap((issue): Problem[] => {
    const path = issue.path.filter((s): s is PathSegment => typeof s !== "symbol");
    if (issue.code === "unrecognized_keys") {
      // The value is not shown: a misspelt key is as likely as any to hold a token.
      return issue.keys.map((key) => ({ path: [...path, key], expected: file.unknownKey(path, key), found: "an unknown key" }));
    }
    if (issue.code === "invalid_key") {
      // A record key failed its own schema (a header name); the key, not its value, is at fault.
      return [{ path, expected: issue.issues[0]?.message ?? issue.message, found: describeValue(path.at(-1)) }];
    }
    const value = valueAt(tree, path);
    const describe = (shown: unknown) => describeValue(shown, path.at(-1), file.isSecretPath(path), file.secretEntry);
    const params = issue.code === "custom" ? (issue.params as { found?: unknown } | undefined) : undefined;
    if (!params || !("found" in params)) return [{ path, expected: issue.message, found: describe(value) }];
    const byDefault = file.namesDefaults === true && value === undefined ? " (the default)" : "";
    return [{ path, expected: issue.message, found: `${describe(params.found)}${byDefault}` }];
  });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The node at `path` in a tree of plain YAML values; undefined where the path leads nowhere. */
export function valueAt(tree: unknown, path: readonly (string | number)[]): unknown {
  let node = tree;
  for (const segment of path) {
    if (typeof segment === "number" ? !Array.isArray(node) : !isRecord(node)) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** A settings file that cannot be used; `problems` holds one line per problem, all of them. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly file: string;
  readonly problems: string[];

  constructor(file: string, problems: string[]) {
    super(problems.join("\n"));
    this.file = file;
    this.problems = problems;
  }
}
