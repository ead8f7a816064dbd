/**
 * OpenMetrics 1.0 from the Prometheus text format (0.0.4). The sample lines of the two are the
 * same for gauges, counters and histograms; what differs is metadata: a counter family is named
 * without its `_total` (its samples keep it), `untyped` is `unknown`, HELP text escapes double
 * quotes, there are no blank lines or other comments, and the body ends with `# EOF`.
 */

export type ExpositionFormat = "prometheus" | "openmetrics";

export const OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

export const OPENMETRICS_EOF = Buffer.from("# EOF\n");

const HELP = /^# HELP (\S+) ?(.*)$/;
const TYPE = /^# TYPE (\S+) (\S+)$/;

/**
 * A chunk of Prometheus text as OpenMetrics (without `# EOF`). Each family's HELP and TYPE
 * lines must be in the chunk (they are: both producers write them together), sample lines are
 * copied as they are.
 */
export function toOpenMetrics(text: string): string {
  const counters = new Set<string>();
  for (const match of text.matchAll(/^# TYPE (\S+) counter$/gm)) counters.add(match[1]!);
  let out = "";
  for (const line of text.split("\n")) {
    if (line === "") continue;
    if (!line.startsWith("#")) {
      out += `${line}\n`;
      continue;
    }
    const help = HELP.exec(line);
    if (help) {
      // Text format HELP escapes only backslash and newline, so any quote in it is a bare one.
      out += `# HELP ${familyName(help[1]!, counters)} ${help[2]!.replace(/"/g, '\\"')}\n`;
      continue;
    }
    const type = TYPE.exec(line);
    if (type) out += `# TYPE ${familyName(type[1]!, counters)} ${openMetricsType(type[1]!, type[2]!)}\n`;
    // Any other comment has no place in OpenMetrics.
  }
  return out;
}

/** A counter family is named without `_total`; its samples keep the suffix. */
function familyName(name: string, counters: ReadonlySet<string>): string {
  return counters.has(name) && name.endsWith("_total") ? name.slice(0, -"_total".length) : name;
}

function openMetricsType(name: string, type: string): string {
  if (type === "untyped") return "unknown";
  // A counter whose samples lack `_total` would be invalid as one; unknown keeps its samples valid.
  if (type === "counter" && !name.endsWith("_total")) return "unknown";
  return type;
}
