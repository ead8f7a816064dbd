import { parseArgs } from "node:util";

export type CliCommand =
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "run"; configPath: string | undefined }
  | { kind: "check"; configPath: string | undefined; output: "table" | "json" };

export const USAGE = `Usage: certwatch [--config PATH]
       certwatch check [--config PATH] [--output table|json]

Watches the certificates kept on Cloudflare: exports them as Prometheus metrics and alerts
on-call. \`check\` polls once, prints every certificate sorted by time left, and exits.

Options:
  --config PATH   configuration file (default: $CERTWATCH_CONFIG, else config/certwatch.yaml)
  --output FMT    check only: table (default) or json
  --help          show this help
  --version       print the version

Exit codes (daemon): 0 stopped cleanly (SIGTERM/SIGINT, also during startup), 2 bad
                     configuration or arguments, 1 failed to start.
Exit codes (check):  0 nothing alerts, 1 warnings, 2 critical alerts, 3 a source (or the zone
                     discovery listing) could not be read; 4 bad configuration or arguments.`;

export class UsageError extends Error {}

export function parseCli(argv: string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        config: { type: "string", short: "c" },
        output: { type: "string", short: "o" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "V" },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.help) return { kind: "help" };
  if (parsed.values.version) return { kind: "version" };
  const [command, ...extra] = parsed.positionals;
  if (extra.length) throw new UsageError(`unexpected argument: ${extra.join(" ")}`);
  if (command === "check") {
    const output = parsed.values.output ?? "table";
    if (output !== "table" && output !== "json") throw new UsageError(`--output must be table or json, not ${output}`);
    return { kind: "check", configPath: parsed.values.config, output };
  }
  if (command !== undefined) throw new UsageError(`unknown command: ${command}`);
  if (parsed.values.output !== undefined) throw new UsageError("--output is an option of `certwatch check`");
  return { kind: "run", configPath: parsed.values.config };
}
