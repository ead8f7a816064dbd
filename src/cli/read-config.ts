import { existsSync } from "node:fs";
import { ConfigError, loadConfig, resolveConfigPath } from "../config/load.js";
import { DEFAULT_CONFIG_PATH } from "../config/load.js";
import type { Config } from "../config/schema.js";

/** The configuration, or null once its problems are printed on stderr. */
export function readConfig(argvPath: string | undefined): Config | null {
  const path = resolveConfigPath(argvPath, process.env);
  if (!existsSync(path)) {
    process.stderr.write(`certwatch: ${missingConfigAdvice(path)}\n`);
    return null;
  }
  try {
    return loadConfig(path, process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`certwatch: invalid configuration, not starting:\n${error.message}\n`);
    return null;
  }
}

/** A first run has no config yet: say how to get one rather than only that it is missing. */
export function missingConfigAdvice(path: string): string {
  const init = path === DEFAULT_CONFIG_PATH ? "certwatch init" : `certwatch init --config ${path}`;
  return `config file ${path} not found: create one with "${init}" or copy config/certwatch.example.yaml`;
}
