// A strict reading of an OpenMetrics 1.0 text body (the ABNF of the spec's "Text format"
// section, and its per-type sample-name rules): the problems found, none when valid.

const TYPES = new Set(["counter", "gauge", "histogram", "gaugehistogram", "stateset", "info", "summary", "unknown"]);
const SUFFIXES: Readonly<Record<string, readonly string[]>> = {
  counter: ["_total", "_created"],
  gauge: [""],
  unknown: [""],
  stateset: [""],
  info: ["_info"],
  histogram: ["_bucket", "_count", "_sum", "_created"],
  gaugehistogram: ["_bucket", "_gcount", "_gsum"],
  summary: ["", "_count", "_sum", "_created"],
};
const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const ESCAPED = '(?:[^"\\\\\\n]|\\\\[\\\\n"])*';
const NUMBER = "(?:[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]?Inf|NaN)";
const SAMPLE = new RegExp(`^(${NAME})(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*="${ESCAPED}"(?:,[a-zA-Z_][a-zA-Z0-9_]*="${ESCAPED}")*)?\\})? (${NUMBER})(?: ${NUMBER})?$`);
const HELP = new RegExp(`^# HELP (${NAME}) (${ESCAPED})$`);
const TYPE = new RegExp(`^# TYPE (${NAME}) (\\S+)$`);

export function openMetricsProblems(body: string): string[] {
  const problems: string[] = [];
  if (!body.endsWith("# EOF\n") && !body.endsWith("# EOF")) problems.push("does not end with # EOF");
  const lines = body.replace(/\n$/, "").split("\n");
  lines.pop();
  const seen = new Set<string>();
  let family: { name: string; type: string; hasSamples: boolean; metadata: Set<string> } | null = null;
  const open = (name: string) => {
    if (seen.has(name)) problems.push(`family ${name} appears twice`);
    seen.add(name);
    family = { name, type: "unknown", hasSamples: false, metadata: new Set() };
    return family;
  };
  lines.forEach((line, i) => {
    const at = `line ${i + 1} (${JSON.stringify(line)})`;
    if (line === "") return problems.push(`${at}: empty line`);
    if (line.startsWith("#")) {
      const help = HELP.exec(line);
      const type = TYPE.exec(line);
      const name = help?.[1] ?? type?.[1];
      if (!name) return problems.push(`${at}: not a HELP or TYPE line`);
      const current = family?.name === name && !family.hasSamples ? family : open(name);
      const kind = help ? "HELP" : "TYPE";
      if (current.metadata.has(kind)) problems.push(`${at}: second ${kind}`);
      current.metadata.add(kind);
      if (type) {
        if (!TYPES.has(type[2]!)) problems.push(`${at}: unknown type ${type[2]}`);
        current.type = type[2]!;
        if (type[2] === "counter" && name.endsWith("_total")) problems.push(`${at}: a counter family named with _total`);
      }
      return;
    }
    const sample = SAMPLE.exec(line);
    if (!sample) return problems.push(`${at}: not a sample line`);
    const current = family as { name: string; type: string; hasSamples: boolean } | null;
    const belongs = current && (SUFFIXES[current.type] ?? [""]).some((suffix) => sample[1] === current.name + suffix);
    if (!belongs) return problems.push(`${at}: sample outside its family (${current?.name ?? "none"} ${current?.type ?? ""})`);
    current.hasSamples = true;
  });
  return problems;
}
