import { describeValue, type Problem } from "./problem.js";
import { configValue, envValue } from "./section.js";

export const DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";
const ENV_BASE_URL = "CLOUDFLARE_BASE_URL";
const EXPECTED = "an http(s) URL without credentials, query or fragment";

/** Validates a base URL and drops trailing slashes, since clients append "/zones/...". */
export function normalizeBaseUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") return undefined;
  return text.replace(/\/+$/, "");
}

export interface BaseUrlResult {
  baseUrl: string | undefined;
  problems: Problem[];
}

/**
 * `cloudflare.base_url`, else env CLOUDFLARE_BASE_URL, else the public API. Validated here rather
 * than in the schema because the env fallback needs the same check and the same error path.
 */
export function resolveBaseUrl(cloudflare: unknown, env: NodeJS.ProcessEnv): BaseUrlResult {
  const fromConfig = configValue(cloudflare, "base_url");
  if (fromConfig.state === "invalid") return { baseUrl: undefined, problems: [] }; // the schema reports it
  const [text, source] =
    fromConfig.state === "set"
      ? [fromConfig.value, ""]
      : [envValue(env, ENV_BASE_URL), ` (from env ${ENV_BASE_URL})`];
  if (text === undefined) return { baseUrl: DEFAULT_BASE_URL, problems: [] };
  const baseUrl = normalizeBaseUrl(text);
  if (baseUrl !== undefined) return { baseUrl, problems: [] };
  return {
    baseUrl: undefined,
    problems: [{ path: ["cloudflare", "base_url"], expected: EXPECTED, found: describeValue(text) + source }],
  };
}
