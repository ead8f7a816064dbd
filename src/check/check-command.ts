import { writeFully } from "../cli/write-fully.js";
import { readConfig } from "../cli/read-config.js";
import { secretsOf } from "../config/schema.js";
import { createLogger } from "../log/logger.js";
import { checkAsJson, checkAsText } from "./print-check.js";
import { runCheck } from "./run-check.js";

/** `certwatch check`: one poll, the report on stdout. Returns the exit code (0-3, or `badConfigCode`). */
export async function runCheckCommand(configPath: string | undefined, output: "table" | "json", badConfigCode: number): Promise<number> {
  const config = readConfig(configPath);
  if (!config) return badConfigCode;
  // Logs go to stderr so stdout holds only the table or the JSON.
  const logger = createLogger({ level: "warn", format: "json", secrets: secretsOf(config), stream: "stderr" });
  const result = await runCheck(config, logger);
  const render = output === "json" ? checkAsJson : checkAsText;
  await writeFully(process.stdout, render(result, config.thresholds, Date.now()));
  return result.exitCode;
}
