import { secretsOf } from "../config/schema.js";
import { startDaemon } from "../daemon.js";
import { createLogger } from "../log/logger.js";
import { readWebConfig } from "../web/read-web-config.js";
import type { ProcessSignals } from "./process-signals.js";
import { readConfig } from "./read-config.js";

/** `certwatch [--config PATH] [--web.config.file PATH]`: runs until SIGTERM/SIGINT. Returns the exit code. */
export async function runDaemon(configPath: string | undefined, signals: ProcessSignals, badConfigCode: number, webConfigFile?: string): Promise<number> {
  // Asked to stop before anything started: there is nothing to stop.
  if (signals.stopSignal) return 0;
  const config = readConfig(configPath);
  if (!config) return badConfigCode;
  const web = readWebConfig(webConfigFile ?? config.server.web_config_file);
  if (web === false) return badConfigCode;
  if (signals.stopSignal) return 0;

  const secrets = secretsOf(config);
  const logger = createLogger({ level: config.log.level, format: config.log.format, secrets });
  const daemon = await startDaemon(config, { logger, secrets, web });
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
