import { describeValue, type Problem } from "./problem.js";
import { isRecord } from "./section.js";

/**
 * Duplicate zone ids, and duplicate hostnames within a zone (case-insensitive, as DNS is).
 * Checked on the raw tree rather than in the schema because zod skips array refinements once
 * any element has a type error, and a bad zone elsewhere should not hide a duplicate.
 */
export function duplicateProblems(tree: unknown): Problem[] {
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
    const hostnames = zone["hostnames"];
    if (!Array.isArray(hostnames)) return;
    const firstIndex = new Map<string, number>();
    hostnames.forEach((hostname, h) => {
      if (typeof hostname !== "string") return;
      const key = hostname.toLowerCase();
      const first = firstIndex.get(key);
      if (first === undefined) firstIndex.set(key, h);
      else {
        problems.push({
          path: ["zones", z, "hostnames", h],
          expected: `a hostname not already listed at zones[${z}].hostnames[${first}]`,
          found: describeValue(hostname),
        });
      }
    });
  });
  return problems;
}
