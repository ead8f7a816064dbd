import type { SilenceConfig } from "../config/schema.js";
import type { Alert, SilenceMark } from "./alert.js";

/**
 * Whether a silence mutes an alert at `now`, and with which one. Pure: alert, silences and time
 * in, answer out. A silence holds while now < until; every matcher must match (a label the alert
 * lacks reads as ""), and a matcher's value is a glob over the whole value: `*` any characters,
 * `?` one, everything else literal and case-sensitive, as in Prometheus.
 */
export function silenceFor(alert: Alert, silences: readonly SilenceConfig[], now: number): SilenceConfig | undefined {
  const values: Record<string, string> = { ...alert.labels, subject_cn: alert.subjectCn ?? "" };
  return silences.find((silence) => now < silence.until.ms && Object.entries(silence.matchers).every(([name, glob]) => globMatches(glob, values[name] ?? "")));
}

/** The alert marked with the silence muting it at `now`, or unmarked: a silence may have ended. */
export function markSilenced(alert: Alert, silences: readonly SilenceConfig[], now: number): Alert {
  const silence = silenceFor(alert, silences, now);
  if (silence) return { ...alert, silenced: silenceMark(silence) };
  if (alert.silenced === undefined) return alert;
  const { silenced: _ended, ...rest } = alert;
  return rest;
}

export function silenceMark(silence: SilenceConfig): SilenceMark {
  return { until: silence.until.text, comment: silence.comment };
}

const compiled = new Map<string, RegExp>();

export function globMatches(glob: string, value: string): boolean {
  let pattern = compiled.get(glob);
  if (!pattern) {
    const source = [...glob].map((c) => (c === "*" ? "[\\s\\S]*" : c === "?" ? "[\\s\\S]" : c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("");
    pattern = new RegExp(`^${source}$`, "u");
    // Globs come from the config only; the cache stays as small as the silences list.
    if (compiled.size > 1_000) compiled.clear();
    compiled.set(glob, pattern);
  }
  return pattern.test(value);
}
