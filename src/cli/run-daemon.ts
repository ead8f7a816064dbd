import { secretsOf } from "../config/schema.js";
import { startDaemon } from "../daemon.js";
import { createLogger } from "../log/logger.js";
import type { ProcessSignals } from "./process-signals.js";
import { readConfig } from "./read-config.js";

/** `certwatch [--config PATH]`: runs until SIGTERM/SIGINT. Returns the exit code. */
export async function runDaemon(configPath: string | undefined, signals: ProcessSignals, badConfigCode: number): Promise<number> {
  // Asked to stop before anything started: there is nothing to stop.
  if (signals.stopSignal) return 0;
  const config = readConfig(configPath);
  if (!config) return badConfigCode;
  if (signals.stopSignal) return 0;

  const secrets = secretsOf(config);
  const logger = createLogger({ level: config.log.level, format: config.log.format, secrets });
  const daemon = await startDaemon(config, { logger, secrets });
  signals.onReload(() => {
    logger.info("SIGHUP: reloading the configuration");
    daemon.reload().catch((error: unknown) => logger.error({ err: error }, "configuration reload failed"));
  });
  // Resolves at once when the signal came in while the daemon was starting.
  const signal = await signals.stopRequested;
  logger.info({ signal }, "shutting down");
  await daemon.stop();
  return 0;
}
