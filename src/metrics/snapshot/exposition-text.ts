/** The pieces of the Prometheus text exposition format (version 0.0.4) the snapshot writes. */

export type MetricType = "gauge" | "counter";

export interface Family {
  name: string;
  help: string;
  type: MetricType;
}

/** `# HELP` and `# TYPE` of a family, each line ending in a newline. */
export function familyHeader(family: Family): string {
  return `# HELP ${family.name} ${escapeHelp(family.help)}\n# TYPE ${family.name} ${family.type}\n`;
}

export type Labels = ReadonlyArray<readonly [string, string]>;

/** `a="x",b="y"` (the inside of the braces), values escaped; label names are ours and need none. */
export function labelPairs(labels: Labels): string {
  let text = "";
  for (const [name, value] of labels) text += `${text ? "," : ""}${name}="${escapeLabelValue(value)}"`;
  return text;
}

/** One sample line, newline included; `pairs` from labelPairs. */
export function sample(name: string, pairs: string, value: number): string {
  return `${name}{${pairs}} ${formatValue(value)}\n`;
}

export function escapeLabelValue(value: string): string {
  // Most values need nothing: skip the three replaces for them.
  return /[\\"\n]/.test(value) ? value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"') : value;
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}
