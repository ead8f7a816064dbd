import { ConfigError, loadConfig, resolveConfigPath } from "../config/load.js";
import type { Config } from "../config/schema.js";

/** The configuration, or null once its problems are printed on stderr. */
export function readConfig(argvPath: string | undefined): Config | null {
  const path = resolveConfigPath(argvPath, process.env);
  try {
    return loadConfig(path, process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`certwatch: invalid configuration, not starting:\n${error.message}\n`);
    return null;
  }
}
