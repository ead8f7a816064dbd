import { SOURCE_NAMES } from "../inventory/certificate-record.js";
import { describeValue, formatPath, type PathSegment, type Problem } from "./problem.js";
import { isRecord } from "./section.js";

/**
 * Duplicate zone ids, duplicate hostnames within a zone (case-insensitive, as DNS is), duplicate
 * sources within a zone, and duplicate sink names (metrics, logs and the outbox are keyed by them).
 * Checked on the raw tree rather than in the schema because zod skips array refinements once
 * any element has a type error, and a bad zone elsewhere should not hide a duplicate.
 */
export function duplicateProblems(tree: unknown): Problem[] {
  return [...zoneProblems(tree), ...sinkProblems(tree)];
}

function sinkProblems(tree: unknown): Problem[] {
  const alerts = isRecord(tree) ? tree["alerts"] : undefined;
  const sinks = isRecord(alerts) ? alerts["sinks"] : undefined;
  if (!Array.isArray(sinks)) return [];
  const problems: Problem[] = [];
  const firstSinkWithName = new Map<string, number>();
  sinks.forEach((sink, s) => {
    if (!isRecord(sink)) return;
    const name = sink["name"];
    if (typeof name === "string") {
      const first = firstSinkWithName.get(name);
      if (first === undefined) firstSinkWithName.set(name, s);
      else {
        problems.push({
          path: ["alerts", "sinks", s, "name"],
          expected: `a sink name not already used by alerts.sinks[${first}]`,
          found: describeValue(name),
        });
      }
    }
    // HTTP header names are case-insensitive; fetch would join two values with a comma.
    const headers = sink["headers"];
    if (!isRecord(headers)) return;
    const firstSpelling = new Map<string, string>();
    for (const header of Object.keys(headers)) {
      const first = firstSpelling.get(header.toLowerCase());
      if (first === undefined) firstSpelling.set(header.toLowerCase(), header);
      else {
        problems.push({
          path: ["alerts", "sinks", s, "headers", header],
          expected: `a header not already set as ${JSON.stringify(first)} (names are case-insensitive)`,
          found: describeValue(header),
        });
      }
    }
  });
  return problems;
}

function zoneProblems(tree: unknown): Problem[] {
  const zones = isRecord(tree) ? tree["zones"] : undefined;
  if (!Array.isArray(zones)) return [];
  const problems: Problem[] = [];
  const firstZoneWithId = new Map<string, number>();
  zones.forEach((zone, z) => {
    if (!isRecord(zone)) return;
    const id = zone["id"];
    if (typeof id === "string") {
      const first = firstZoneWithId.get(id);
      if (first === undefined) firstZoneWithId.set(id, z);
      else problems.push({ path: ["zones", z, "id"], expected: `a zone id not already used by zones[${first}]`, found: describeValue(id) });
    }
    problems.push(
      ...repeats(zone["hostnames"], ["zones", z, "hostnames"], "a hostname", (hostname) => hostname.toLowerCase()),
      // An unknown name is reported by the schema, once is enough.
      ...repeats(zone["sources"], ["zones", z, "sources"], "a source", (source) => (isSourceName(source) ? source : undefined)),
    );
  });
  return problems;
}

/**
 * Each string of the list at `path` equal, by `key`, to an earlier one. Other items, and strings
 * `key` gives no key for, are the schema's to judge.
 */
function repeats(list: unknown, path: PathSegment[], what: string, key: (item: string) => string | undefined): Problem[] {
  if (!Array.isArray(list)) return [];
  const problems: Problem[] = [];
  const firstIndex = new Map<string, number>();
  list.forEach((item, i) => {
    const itemKey = typeof item === "string" ? key(item) : undefined;
    if (itemKey === undefined) return;
    const first = firstIndex.get(itemKey);
    if (first === undefined) firstIndex.set(itemKey, i);
    else problems.push({ path: [...path, i], expected: `${what} not already listed at ${formatPath([...path, first])}`, found: describeValue(item) });
  });
  return problems;
}

function isSourceName(value: string): boolean {
  return (SOURCE_NAMES as readonly string[]).includes(value);
}
