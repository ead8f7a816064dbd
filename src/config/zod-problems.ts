import type { z } from "zod";
import { describeValue, type PathSegment, type Problem } from "./problem.js";
import { KNOWN_KEYS } from "./schema.js";
import { isRecord } from "./section.js";

/**
 * Turns schema issues into problems. The schema words every message as the "expected" half;
 * the "found" half is read from the tree the schema saw, so it shows the user's own value.
 */
export function zodProblems(issues: readonly z.core.$ZodIssue[], tree: unknown): Problem[] {
  return issues.flatMap((issue): Problem[] => {
    const path = issue.path.filter((s): s is PathSegment => typeof s !== "symbol");
    if (issue.code === "unrecognized_keys") return issue.keys.map((key) => unknownKey(path, key));
    const value = valueAt(tree, path);
    const params = issue.code === "custom" ? (issue.params as { found?: unknown } | undefined) : undefined;
    const found =
      params && "found" in params
        ? `${describeValue(params.found, path.at(-1))}${value === undefined ? " (the default)" : ""}`
        : describeValue(value, path.at(-1));
    return [{ path, expected: issue.message, found }];
  });
}

function unknownKey(parent: PathSegment[], key: string): Problem {
  const pattern = parent.map((s) => (typeof s === "number" ? "[]" : s)).join(".").replace(/\.\[\]/g, "[]");
  const allowed = KNOWN_KEYS[pattern] ?? [];
  const hint = suggestion(key, allowed, pattern);
  return {
    path: [...parent, key],
    expected: `one of ${allowed.join(", ")}${hint}`,
    // The value is not shown: a misspelt key is as likely as any to hold a token.
    found: "an unknown key",
  };
}

function suggestion(key: string, allowed: readonly string[], section: string): string {
  const lower = key.toLowerCase();
  const near =
    allowed.find((name) => distance(lower, name) <= Math.max(1, Math.floor(name.length / 4))) ??
    allowed.find((name) => lower.length >= 4 && (name.includes(lower) || lower.includes(name)));
  if (near !== undefined) return ` (did you mean "${near}"?)`;
  for (const [other, keys] of Object.entries(KNOWN_KEYS)) {
    if (other !== section && keys.includes(key)) return ` ("${key}" belongs under ${other === "" ? "the top level" : other})`;
  }
  return "";
}

/** Levenshtein distance; keys are short, so the quadratic table is fine. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

export function valueAt(tree: unknown, path: readonly PathSegment[]): unknown {
  let node = tree;
  for (const segment of path) {
    if (typeof segment === "number" ? !Array.isArray(node) : !isRecord(node)) return undefined;
    node = (node as Record<PathSegment, unknown>)[segment];
  }
  return node;
}
