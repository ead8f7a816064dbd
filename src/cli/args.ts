import { parseArgs } from "node:util";
import { closestMatch } from "../text/edit-distance.js";
import { CHECK_USAGE, INIT_USAGE } from "./command-usage.js";

export type CliCommand =
  | { kind: "help"; text: string }
  | { kind: "version" }
  | { kind: "run"; configPath: string | undefined; webConfigFile?: string }
  | { kind: "check"; configPath: string | undefined; output: "table" | "json" }
  | { kind: "init"; configPath: string | undefined };

export const USAGE = `Usage: certwatch [--config PATH]
       certwatch check [--config PATH] [--output table|json]
       certwatch init [--config PATH]

Watches the certificates kept on Cloudflare: exports them as Prometheus metrics and alerts
on-call. \`check\` polls once, prints every certificate sorted by time left, and exits.
\`init\` writes a commented example configuration to start from.

Options:
  -c, --config PATH   configuration file (default: $CERTWATCH_CONFIG, else config/certwatch.yaml)
  -o, --output FMT    check only: table (default) or json
  -h, --help          show this help (\`certwatch check --help\`: check's own)
  -v, --version       print the version and build revision
  --web.config.file PATH
                      TLS and basic auth for the HTTP server (exporter-toolkit web config
                      file); wins over server.web_config_file

Exit codes (daemon): 0 stopped cleanly (SIGTERM/SIGINT, also during startup), 2 bad
                     configuration or arguments, 1 failed to start.
Exit codes (check):  0 nothing alerts, 1 warnings, 2 critical alerts, 3 a source (or the zone
                     discovery listing) could not be read; 4 bad configuration or arguments.`;

const OPTIONS = {
  config: { type: "string", short: "c" },
  output: { type: "string", short: "o" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
  "web.config.file": { type: "string" },
} as const;

const COMMANDS = ["check", "init"] as const;

export class UsageError extends Error {}

export function parseCli(argv: string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(unknownFlagWithHint(error) ?? (error instanceof Error ? error.message : String(error)));
  }
  const [command, ...extra] = parsed.positionals;
  if (parsed.values.help) return { kind: "help", text: command === "check" ? CHECK_USAGE : command === "init" ? INIT_USAGE : USAGE };
  if (parsed.values.version) return { kind: "version" };
  if (extra.length) throw new UsageError(`unexpected argument: ${extra.join(" ")}`);
  const webConfigFile = parsed.values["web.config.file"];
  if (webConfigFile !== undefined && (command === "check" || command === "init")) throw new UsageError("--web.config.file is an option of the daemon (`certwatch` without a command)");
  if (command === "check") {
    const output = parsed.values.output ?? "table";
    if (output !== "table" && output !== "json") throw new UsageError(`--output must be table or json, not ${output}`);
    return { kind: "check", configPath: parsed.values.config, output };
  }
  if (command !== undefined && command !== "init") throw new UsageError(withHint(`unknown command: ${command}`, closestMatch(command, COMMANDS)));
  if (parsed.values.output !== undefined) throw new UsageError("--output is an option of `certwatch check`");
  if (command === "init") return { kind: "init", configPath: parsed.values.config };
  return { kind: "run", configPath: parsed.values.config, ...(webConfigFile === undefined ? {} : { webConfigFile }) };
}

/** "unknown flag --confg: did you mean --config?" for parseArgs' unknown-option error, else undefined. */
function unknownFlagWithHint(error: unknown): string | undefined {
  if ((error as NodeJS.ErrnoException | null)?.code !== "ERR_PARSE_ARGS_UNKNOWN_OPTION") return undefined;
  const flag = /'(-[^']*)'/.exec((error as Error).message)?.[1];
  if (flag === undefined) return undefined;
  if (!flag.startsWith("--")) return withHint(`unknown flag ${flag}`, undefined);
  const near = closestMatch(flag.slice(2), Object.keys(OPTIONS));
  return withHint(`unknown flag ${flag}`, near === undefined ? undefined : `--${near}`);
}

function withHint(message: string, near: string | undefined): string {
  return near === undefined ? message : `${message}: did you mean ${near}?`;
}
