#!/usr/bin/env node
import { parseCli, UsageError, USAGE } from "./cli/args.js";
import { ConfigError, loadConfig, resolveConfigPath } from "./config/load.js";
import { secretsOf } from "./config/schema.js";
import { startDaemon } from "./daemon.js";
import { createLogger } from "./log/logger.js";
import { VERSION } from "./version.js";

const EXIT_BAD_CONFIG = 2;

async function main(): Promise<number> {
  let command;
  try {
    command = parseCli(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`certwatch: ${error.message}\n\n${USAGE}\n`);
    return EXIT_BAD_CONFIG;
  }
  if (command.kind === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command.kind === "version") {
    process.stdout.write(`certwatch ${VERSION}\n`);
    return 0;
  }

  const path = resolveConfigPath(command.configPath, process.env);
  let config;
  try {
    config = loadConfig(path, process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`certwatch: invalid configuration, not starting:\n${(error as ConfigError).message}\n`);
    return EXIT_BAD_CONFIG;
  }

  const logger = createLogger({ level: config.log.level, format: config.log.format, secrets: secretsOf(config) });
  const daemon = await startDaemon(config, { logger });
  await new Promise<void>((resolve) => {
    const shutdown = (signal: NodeJS.Signals) => {
      logger.info({ signal }, "shutting down");
      process.off("SIGTERM", shutdown);
      process.off("SIGINT", shutdown);
      resolve();
    };
    process.on("SIGTERM", shutdown);
    process.on("SIGINT", shutdown);
  });
  await daemon.stop();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`certwatch: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
