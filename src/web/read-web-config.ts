import { ConfigError } from "../settings-file/problems.js";
import { loadWebConfig, type WebConfig } from "./load-web-config.js";

/**
 * The web configuration at `path` (none: null), or false once its problems are printed on
 * stderr: the daemon then exits as for a bad certwatch.yaml, never serving /metrics unprotected.
 */
export function readWebConfig(path: string | undefined): WebConfig | null | false {
  if (path === undefined || path === "") return null;
  try {
    return loadWebConfig(path);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`certwatch: invalid web configuration, not starting:\n${error.message}\n`);
    return false;
  }
}
