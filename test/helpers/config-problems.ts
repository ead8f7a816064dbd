import { ConfigError, parseConfig } from "../../src/config/load.js";

export const TOKEN_ENV = { CLOUDFLARE_API_TOKEN: "env-token-0123456789" };

/** The ConfigError `run` throws; fails the test when it throws nothing or something else. */
export function caught(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

/** Every problem line parsing `text` as `file` reports. */
export function problemsOf(text: string, env: NodeJS.ProcessEnv = TOKEN_ENV, file = "bad.yaml"): string[] {
  return caught(() => parseConfig(text, file, env)).problems;
}
