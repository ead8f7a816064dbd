#!/usr/bin/env node
// Only small modules are imported up front: the signal handlers must be in place before the
// slow part of startup (loading the rest of certwatch, its config, state and port) begins.
import { parseCli, UsageError, USAGE } from "./cli/args.js";
import { ProcessSignals } from "./cli/process-signals.js";
import { writeFully } from "./cli/write-fully.js";
import { StartupError } from "./startup-error.js";
import { REVISION, VERSION } from "./version.js";

const EXIT_BAD_CONFIG = 2;
/** `check` gives 0-3 meanings of its own, so its configuration errors need another code. */
const EXIT_CHECK_BAD_CONFIG = 4;
const EXIT_FAILED_TO_START = 1;

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
  switch (command.kind) {
    case "help":
      await writeFully(process.stdout, `${command.text}\n`);
      return 0;
    case "version":
      await writeFully(process.stdout, `certwatch ${VERSION} (revision ${REVISION}, node ${process.version})\n`);
      return 0;
    case "init": {
      const { runInit } = await import("./cli/run-init.js");
      return runInit(command.configPath);
    }
    case "check": {
      const { runCheckCommand } = await import("./check/check-command.js");
      return runCheckCommand(command.configPath, command.output, badConfigCode);
    }
    case "run": {
      const signals = ProcessSignals.install();
      const { runDaemon } = await import("./cli/run-daemon.js");
      return runDaemon(command.configPath, signals, badConfigCode, command.webConfigFile);
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof StartupError) {
      process.stderr.write(`certwatch: ${error.message}\n`);
    } else {
      // A bug: the first line says what failed; the stack, for a bug report, follows it.
      process.stderr.write(`certwatch: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exit(EXIT_FAILED_TO_START);
  },
);
