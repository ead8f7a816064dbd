import { fromBooleanString } from "./fields.js";
import { describeValue, type Problem } from "./problem.js";
import { isRecord } from "./section.js";

export const ZONES_REQUIRED = "at least one zone, or discover.enabled: true";

/**
 * `zones` may only be absent or empty when discovery finds the zones instead. Checked on the raw
 * tree, like zone-thresholds.ts, so it is reported alongside everything else. A `discover` or
 * `discover.enabled` that is itself invalid is the schema's to report: whoever wrote it meant
 * to turn discovery on, so this check stays quiet then. A `zones` that is no list at all is
 * likewise the schema's.
 */
export function zonesRequiredProblems(tree: unknown): Problem[] {
  if (!isRecord(tree)) return [];
  const zones = tree["zones"];
  const empty = zones === undefined || zones === null || (Array.isArray(zones) && zones.length === 0);
  if (!empty || discoveryMayBeOn(tree["discover"])) return [];
  // An empty `zones:` counts as not set, like every other empty key.
  return [{ path: ["zones"], expected: ZONES_REQUIRED, found: describeValue(zones ?? undefined) }];
}

function discoveryMayBeOn(discover: unknown): boolean {
  if (discover === undefined || discover === null) return false;
  if (!isRecord(discover)) return true;
  const enabled = fromBooleanString(discover["enabled"]);
  return enabled !== undefined && enabled !== null && enabled !== false;
}
