import { parseArgs } from "node:util";

export type CliCommand = { kind: "help" } | { kind: "version" } | { kind: "run"; configPath: string | undefined };

export const USAGE = `Usage: certwatch [--config PATH]

Watches the certificates kept on Cloudflare and exports them as Prometheus metrics.

Options:
  --config PATH   configuration file (default: $CERTWATCH_CONFIG, else config/certwatch.yaml)
  --help          show this help
  --version       print the version

Exit codes: 0 stopped cleanly, 2 bad configuration or arguments, 1 failed to start.`;

export class UsageError extends Error {}

export function parseCli(argv: string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        config: { type: "string", short: "c" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "V" },
      },
      allowPositionals: false,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.help) return { kind: "help" };
  if (parsed.values.version) return { kind: "version" };
  return { kind: "run", configPath: parsed.values.config };
}
