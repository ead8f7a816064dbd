#!/usr/bin/env node
import { checkAsJson, checkAsText } from "./check/print-check.js";
import { runCheck } from "./check/run-check.js";
import { parseCli, UsageError, USAGE } from "./cli/args.js";
import { ConfigError, loadConfig, resolveConfigPath } from "./config/load.js";
import { secretsOf, type Config } from "./config/schema.js";
import { startDaemon } from "./daemon.js";
import { createLogger } from "./log/logger.js";
import { VERSION } from "./version.js";

const EXIT_BAD_CONFIG = 2;
/** `check` gives 0-3 meanings of its own, so its configuration errors need another code. */
const EXIT_CHECK_BAD_CONFIG = 4;

async function main(argv: string[]): Promise<number> {
  const badConfigCode = argv[0] === "check" ? EXIT_CHECK_BAD_CONFIG : EXIT_BAD_CONFIG;
  let command;
  try {
    command = parseCli(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`certwatch: ${error.message}\n\n${USAGE}\n`);
    return badConfigCode;
  }
  if (command.kind === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command.kind === "version") {
    process.stdout.write(`certwatch ${VERSION}\n`);
    return 0;
  }

  const config = readConfig(command.configPath);
  if (!config) return badConfigCode;

  if (command.kind === "check") {
    // Logs go to stderr so stdout holds only the table or the JSON.
    const logger = createLogger({ level: "warn", format: "json", secrets: secretsOf(config), stream: "stderr" });
    const result = await runCheck(config, logger);
    const render = command.output === "json" ? checkAsJson : checkAsText;
    process.stdout.write(render(result, config.thresholds, Date.now()));
    return result.exitCode;
  }

  const secrets = secretsOf(config);
  const logger = createLogger({ level: config.log.level, format: config.log.format, secrets });
  const daemon = await startDaemon(config, { logger, secrets });
  const reload = () => {
    logger.info("SIGHUP: reloading the configuration");
    daemon.reload().catch((error: unknown) => logger.error({ err: error }, "configuration reload failed"));
  };
  process.on("SIGHUP", reload);
  await new Promise<void>((resolve) => {
    const shutdown = (signal: NodeJS.Signals) => {
      logger.info({ signal }, "shutting down");
      process.off("SIGTERM", shutdown);
      process.off("SIGINT", shutdown);
      process.off("SIGHUP", reload);
      resolve();
    };
    process.on("SIGTERM", shutdown);
    process.on("SIGINT", shutdown);
  });
  await daemon.stop();
  return 0;
}

function readConfig(argvPath: string | undefined): Config | null {
  const path = resolveConfigPath(argvPath, process.env);
  try {
    return loadConfig(path, process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`certwatch: invalid configuration, not starting:\n${error.message}\n`);
    return null;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // The first line says what failed; the stack, for a bug report, follows it.
    process.stderr.write(`certwatch: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
