import { createRequire } from "node:module";
import pino, { type DestinationStream, type Logger } from "pino";
import type Pretty from "pino-pretty";

/** pino-pretty is loaded only when the pretty format is asked for: a JSON-logging daemon never runs it. */
const loadPretty = (): typeof Pretty => createRequire(import.meta.url)("pino-pretty") as typeof Pretty;

export interface LoggerOptions {
  level: string;
  format: "json" | "pretty";
  /**
   * Secret values (API token, key, sink secrets) scrubbed from every line, whatever field or
   * message holds them. Read at each write, so a reload can change the array's contents.
   */
  secrets: string[];
  /** Where lines go; stdout when absent. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
  /** Which standard stream, when no destination is given (`certwatch check` keeps stdout for its output). */
  stream?: "stdout" | "stderr";
}

export const REDACTED = "[REDACTED]";

const REDACT_PATHS = [
  "api_token",
  "api_key",
  "*.api_token",
  "*.api_key",
  "authorization",
  "*.authorization",
  "headers.authorization",
  'headers["x-auth-key"]',
  "*.headers.authorization",
  '*.headers["x-auth-key"]',
];

export function createLogger(options: LoggerOptions): Logger {
  // Very short values would scrub ordinary words; config validation never yields such a secret.
  const scrub = (line: string) =>
    options.secrets.reduce((text, secret) => (secret.length >= 4 ? text.split(secret).join(REDACTED) : text), line);
  const fd = options.stream === "stderr" ? 2 : 1;
  const destination =
    options.destination ??
    (options.format === "pretty" ? loadPretty()({ colorize: fd === 1 && process.stdout.isTTY, sync: true, destination: fd }) : pino.destination({ dest: fd, sync: true }));
  return pino(
    {
      level: options.level,
      base: { service: "certwatch" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      // Path redaction cannot see inside messages and error stacks; scrubbing the final line can.
      hooks: { streamWrite: scrub },
    },
    destination,
  );
}
