export const DEFAULT_CONFIG_PATH = "config/certwatch.yaml";

/** `--config PATH`, else `CERTWATCH_CONFIG`, else the default; empty values count as not given. */
export function resolveConfigPath(argvPath: string | undefined, env: NodeJS.ProcessEnv): string {
  if (argvPath !== undefined && argvPath !== "") return argvPath;
  const fromEnv = env["CERTWATCH_CONFIG"];
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  return DEFAULT_CONFIG_PATH;
}
