import type { z } from "zod";
import { describeValue, isSecretPath, type PathSegment, type Problem } from "./problem.js";
import { KNOWN_KEYS } from "./schema.js";
import { isRecord, valueAt } from "./section.js";
import { isSinkType, SINK_KEYS, SINK_TYPES } from "./sinks.js";
import { editDistance } from "../text/edit-distance.js";

/**
 * Turns schema issues into problems. The schema words every message as the "expected" half;
 * the "found" half is read from the tree the schema saw, so it shows the user's own value.
 */
export function zodProblems(issues: readonly z.core.$ZodIssue[], tree: unknown): Problem[] {
  return issues.flatMap((issue): Problem[] => {
    const path = issue.path.filter((s): s is PathSegment => typeof s !== "symbol");
    if (issue.code === "unrecognized_keys") return issue.keys.map((key) => unknownKey(path, key, tree));
    if (issue.code === "invalid_key") {
      // A record key failed its own schema (a header name); the key, not its value, is at fault.
      return [{ path, expected: issue.issues[0]?.message ?? issue.message, found: describeValue(path.at(-1)) }];
    }
    const value = valueAt(tree, path);
    const secret = isSecretPath(path, tree);
    const params = issue.code === "custom" ? (issue.params as { found?: unknown } | undefined) : undefined;
    const found =
      params && "found" in params
        ? `${describeValue(params.found, path.at(-1), secret)}${value === undefined ? " (the default)" : ""}`
        : describeValue(value, path.at(-1), secret);
    return [{ path, expected: issue.message, found }];
  });
}

function unknownKey(parent: PathSegment[], key: string, tree: unknown): Problem {
  const pattern = parent.map((s) => (typeof s === "number" ? "[]" : s)).join(".").replace(/\.\[\]/g, "[]");
  const sinkType = pattern === "alerts.sinks[]" ? sinkTypeAt(tree, parent) : undefined;
  const allowed = sinkType === undefined ? (KNOWN_KEYS[pattern] ?? []) : SINK_KEYS[sinkType];
  const hint = sinkType === undefined ? suggestion(key, allowed, pattern) : sinkSuggestion(key, sinkType);
  return {
    path: [...parent, key],
    expected: `one of ${allowed.join(", ")}${hint}`,
    // The value is not shown: a misspelt key is as likely as any to hold a token.
    found: "an unknown key",
  };
}

function suggestion(key: string, allowed: readonly string[], section: string): string {
  const near = nearMiss(key, allowed);
  if (near !== undefined) return ` (did you mean "${near}"?)`;
  for (const [other, keys] of Object.entries(KNOWN_KEYS)) {
    if (other !== section && keys.includes(key)) return ` ("${key}" belongs under ${other === "" ? "the top level" : other})`;
  }
  return "";
}

function sinkTypeAt(tree: unknown, path: readonly PathSegment[]): keyof typeof SINK_KEYS | undefined {
  const sink = valueAt(tree, path);
  const type = isRecord(sink) ? sink["type"] : undefined;
  return isSinkType(type) ? type : undefined;
}

/** A near miss among the sink type's own keys, else the types that do take the key. */
function sinkSuggestion(key: string, type: keyof typeof SINK_KEYS): string {
  const near = nearMiss(key, SINK_KEYS[type]);
  if (near !== undefined) return ` (did you mean "${near}"?)`;
  const others = SINK_TYPES.filter((other) => SINK_KEYS[other].includes(key));
  return others.length > 0 ? ` ("${key}" is for type ${others.join(", ")}, not ${type})` : "";
}

function nearMiss(key: string, allowed: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  return (
    allowed.find((name) => editDistance(lower, name) <= Math.max(1, Math.floor(name.length / 4))) ??
    allowed.find((name) => lower.length >= 4 && (name.includes(lower) || lower.includes(name)))
  );
}
