import { fromDecimalString } from "./fields.js";
import type { Problem } from "./problem.js";
import { DEFAULTS } from "./schema.js";
import { isRecord } from "./section.js";

type Key = "warning_days" | "critical_days";
/** A threshold as the merge sees it; `source` says where it came from when not the zone itself. */
type Setting = { days: number; source: string | undefined } | "invalid";

/**
 * critical_days below warning_days for each zone that sets either, after filling the other
 * from the global thresholds. Checked on the raw tree, like uniqueness.ts, so it is reported
 * alongside everything else; a value that is itself invalid is the schema's to report, and a
 * zone that sets neither merely repeats the global pair, which the schema already checks.
 */
export function zoneThresholdProblems(tree: unknown): Problem[] {
  if (!isRecord(tree) || !Array.isArray(tree["zones"])) return [];
  const global = isRecord(tree["thresholds"]) ? tree["thresholds"] : {};
  const globalSetting = (key: Key): Setting => {
    const value = global[key];
    if (value === undefined || value === null) return { days: DEFAULTS[key], source: "the default" };
    const days = dayCount(value);
    return days === undefined ? "invalid" : { days, source: `from thresholds.${key}` };
  };
  const problems: Problem[] = [];
  tree["zones"].forEach((zone, z) => {
    const own = isRecord(zone) && isRecord(zone["thresholds"]) ? zone["thresholds"] : undefined;
    if (own === undefined) return;
    const setting = (key: Key): Setting | undefined => {
      const value = own[key];
      if (value === undefined || value === null) return undefined;
      const days = dayCount(value);
      return days === undefined ? "invalid" : { days, source: undefined };
    };
    const warning = setting("warning_days");
    const critical = setting("critical_days");
    if (warning === undefined && critical === undefined) return;
    const w = warning ?? globalSetting("warning_days");
    const c = critical ?? globalSetting("critical_days");
    if (w === "invalid" || c === "invalid" || c.days < w.days) return;
    problems.push({
      path: ["zones", z, "thresholds", "critical_days"],
      expected: `fewer days than warning_days (${w.days}${w.source === undefined ? "" : `, ${w.source}`})`,
      found: `${c.days}${c.source === undefined ? "" : ` (${c.source})`}`,
    });
  });
  return problems;
}

function dayCount(value: unknown): number | undefined {
  const number = fromDecimalString(value);
  return typeof number === "number" && Number.isInteger(number) && number > 0 ? number : undefined;
}
