/**
 * The `cloudflare:` section: client settings, the base URL and the credentials. Credentials and
 * the base URL may come from the environment, so resolveCredentials and resolveBaseUrl read them
 * from the raw tree beside the schema, and run even when the schema rejects other parts of the file.
 */
import { z } from "zod";
import { checkHttpUrl, integer, seconds, trimmed, wholeNumber } from "../settings-file/fields.js";
import { describeValue, firstSeen, isRecord, type PathSegment, type Problem } from "../settings-file/problems.js";
import type { CloudflareAuth } from "../cloudflare/auth.js";

export const ENV_TOKEN = "CLOUDFLARE_API_TOKEN";
export const ENV_KEY = "CLOUDFLARE_API_KEY";
export const ENV_EMAIL = "CLOUDFLARE_EMAIL";
const ENV_BASE_URL = "CLOUDFLARE_BASE_URL";
export const DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";

/** The name the single-credential form (cloudflare.api_token, …, or the environment) goes by. */
export const DEFAULT_CREDENTIAL = "default";

export const CLOUDFLARE_DEFAULTS = {
  timeout_seconds: 30,
  max_requests_per_5m: 600,
  max_retries: 4,
  retry_after_cap_seconds: 300,
  concurrency: 4,
  source_timeout_seconds: 120,
} as const;

const MAX_PER_5M = 1200;

/** Only the type is checked here; resolveCredentials applies the env fallbacks. */
const secretKeys = {
  api_token: z.string({ error: "an API token string" }).optional(),
  api_key: z.string({ error: "a global API key string" }).optional(),
  api_email: z.string({ error: "the account email as a string" }).optional(),
};

/**
 * One entry of `cloudflare.credentials`. Cloudflare's rate limit is per user, so each credential
 * has its own request budget (`max_requests_per_5m`, default the `cloudflare` one).
 */
const credentialEntryShape = {
  name: trimmed("a non-empty credential name"),
  ...secretKeys,
  max_requests_per_5m: wholeNumber(1, MAX_PER_5M).optional(),
};
const credentialEntrySchema = z.strictObject(credentialEntryShape, {
  error: "a mapping with name, api_token (or api_key and api_email), and optionally max_requests_per_5m",
});
export const CREDENTIAL_KEYS = Object.keys(credentialEntryShape);

export const cloudflareShape = {
  ...secretKeys,
  /** Several credentials instead of the three keys above. */
  credentials: z
    .array(credentialEntrySchema, { error: "a list of credentials, each with name and api_token (or api_key and api_email)" })
    .min(1, { error: "a list of at least one credential" })
    .optional(),
  base_url: z.string({ error: "an http(s) URL" }).optional(),
  timeout_seconds: seconds(300, CLOUDFLARE_DEFAULTS.timeout_seconds),
  max_requests_per_5m: integer(1, MAX_PER_5M, CLOUDFLARE_DEFAULTS.max_requests_per_5m),
  max_retries: integer(0, 10, CLOUDFLARE_DEFAULTS.max_retries),
  retry_after_cap_seconds: integer(1, 3600, CLOUDFLARE_DEFAULTS.retry_after_cap_seconds),
  concurrency: integer(1, 32, CLOUDFLARE_DEFAULTS.concurrency),
  /** The most one source's poll of one zone may take, retries included; then it fails with reason `timeout`. */
  source_timeout_seconds: seconds(3600, CLOUDFLARE_DEFAULTS.source_timeout_seconds),
};

/**
 * The client settings. The credential keys and base_url are only type-checked here, then dropped:
 * resolveCredentials and resolveBaseUrl read them with their env fallbacks, and resolveConfig
 * (schema.ts) adds what those found.
 */
export const cloudflareSchema = z
  .strictObject(cloudflareShape, { error: "a mapping of Cloudflare settings" })
  .transform(({ api_token, api_key, api_email, credentials, base_url, ...settings }) => settings)
  .prefault({});

type ConfigValue =
  | { state: "unset" }
  | { state: "set"; value: string }
  /** Present with a non-string value; the schema already reports that, so callers stay quiet. */
  | { state: "invalid" };

/** A string setting, trimmed; empty, blank and null count as unset, like an absent key. */
function configValue(section: unknown, key: string): ConfigValue {
  if (section === undefined || section === null) return { state: "unset" };
  if (!isRecord(section)) return { state: "invalid" };
  const value = section[key];
  if (value === undefined || value === null) return { state: "unset" };
  if (typeof value !== "string") return { state: "invalid" };
  const trimmed = value.trim();
  return trimmed === "" ? { state: "unset" } : { state: "set", value: trimmed };
}

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const trimmed = env[name]?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}

/** A credential as the daemon uses it: one client, one budget, its own zone listing. */
const credential = (name: string, auth: CloudflareAuth, max_requests_per_5m: number) => ({ name, auth, max_requests_per_5m });
export type CredentialConfig = ReturnType<typeof credential>;

type AuthResult = { auth?: CloudflareAuth; problems: Problem[] };

/**
 * The credentials the file asks for: a `cloudflare.credentials` list, or the single-credential
 * form (keys or environment) as one credential named "default". Both at once is refused: which
 * one a zone would use could only be guessed. The list never falls back to the environment, for
 * the same reason. `fallbackPer5m` is cloudflare.max_requests_per_5m.
 */
export function resolveCredentials(
  cloudflare: unknown,
  env: NodeJS.ProcessEnv,
  fallbackPer5m: number,
): { credentials?: CredentialConfig[]; problems: Problem[] } {
  const list = isRecord(cloudflare) ? cloudflare["credentials"] : undefined;
  if (list === undefined || list === null) {
    const single = pickAuth(cloudflare, ["cloudflare"], env);
    return { problems: single.problems, ...(single.auth && { credentials: [credential(DEFAULT_CREDENTIAL, single.auth, fallbackPer5m)] }) };
  }
  const both = (["api_token", "api_key", "api_email"] as const).filter((key) => configValue(cloudflare, key).state !== "unset");
  if (both.length > 0) {
    const expected = "either cloudflare.credentials or the single-credential keys (api_token, or api_key and api_email), not both";
    return { problems: both.map((key) => ({ path: ["cloudflare", key], expected, found: "both" })) };
  }
  if (!Array.isArray(list)) return { problems: [] };
  const problems: Problem[] = [];
  const credentials: CredentialConfig[] = [];
  const credentialWithName = firstSeen();
  list.forEach((entry, i) => {
    const at: PathSegment[] = ["cloudflare", "credentials", i];
    const parsed = credentialEntrySchema.safeParse(entry);
    // Shape errors (types, unknown keys) are the schema's to report.
    if (!parsed.success) return;
    const { name } = parsed.data;
    const first = credentialWithName(name, i);
    if (first !== undefined) {
      const expected = `a credential name not already used by cloudflare.credentials[${first}]`;
      problems.push({ path: [...at, "name"], expected, found: describeValue(name) });
    }
    const { auth, problems: own } = pickAuth(parsed.data, at, undefined);
    problems.push(...own);
    if (auth) credentials.push(credential(name, auth, parsed.data.max_requests_per_5m ?? fallbackPer5m));
  });
  return { problems, ...(problems.length === 0 && { credentials }) };
}

/**
 * The credential of one section. The single form (`env` given) reads the file before the
 * environment: a token in the file; else a key and email if the file names either (the other may
 * come from env); else the env token; else the env key and email. So a CLOUDFLARE_API_TOKEN
 * exported for other tools (wrangler reads it too) never silently overrides a global key the file
 * asks for; within one source the token wins. A list entry (no `env`) must name one kind only.
 */
function pickAuth(section: unknown, at: PathSegment[], env: NodeJS.ProcessEnv | undefined): AuthResult {
  const token = configValue(section, "api_token");
  const key = configValue(section, "api_key");
  const email = configValue(section, "api_email");
  // A wrong type is the schema's to report; guessing around it would only add noise.
  if ([token, key, email].some((v) => v.state === "invalid")) return { problems: [] };
  const fromEnv = (name: string) => (env ? envValue(env, name) : undefined);
  const orEnv = (name: string) => (env ? ` (or env ${name})` : "");
  const keyInFile = key.state === "set" || email.state === "set";
  if (token.state === "set" && (env || !keyInFile)) return { auth: { kind: "token", token: token.value }, problems: [] };
  if (token.state === "set") {
    return { problems: [{ path: [...at, "api_token"], expected: "api_token, or api_key and api_email, not both", found: "both" }] };
  }
  const envToken = fromEnv(ENV_TOKEN);
  if (!keyInFile && envToken !== undefined) return { auth: { kind: "token", token: envToken }, problems: [] };
  const keyValue = key.state === "set" ? key.value : fromEnv(ENV_KEY);
  const emailValue = email.state === "set" ? email.value : fromEnv(ENV_EMAIL);
  if (keyValue !== undefined && emailValue !== undefined) return { auth: { kind: "key", key: keyValue, email: emailValue }, problems: [] };
  if (keyValue === undefined && emailValue === undefined) {
    const expected = `credentials: api_token${orEnv(ENV_TOKEN)}, or api_key + api_email${env ? ` (or env ${ENV_KEY} + ${ENV_EMAIL})` : ""}`;
    return { problems: [{ path: [...at, "api_token"], expected, found: "none of them set" }] };
  }
  const problems: Problem[] = [];
  if (keyValue === undefined) {
    problems.push({ path: [...at, "api_key"], expected: `a global API key${orEnv(ENV_KEY)} to go with api_email`, found: "nothing" });
  }
  if (emailValue === undefined) {
    problems.push({ path: [...at, "api_email"], expected: `the account email${orEnv(ENV_EMAIL)} to go with api_key`, found: "nothing" });
  }
  return { problems };
}

/**
 * Each `zones[].credential` must name a credential. Absent means the first one, which keeps a
 * file written for one credential valid when a second is added.
 */
export function zoneCredentialProblems(tree: unknown, credentials: CredentialConfig[] | undefined): Problem[] {
  if (!credentials || !isRecord(tree)) return [];
  const names = credentials.map((c) => c.name);
  const expected =
    names.length === 1 && names[0] === DEFAULT_CREDENTIAL
      ? `"${DEFAULT_CREDENTIAL}" (the only credential; several go under cloudflare.credentials)`
      : `the name of a credential in cloudflare.credentials (${names.join(", ")})`;
  // Zones and accounts both name the credential that reads them.
  return (["zones", "accounts"] as const).flatMap((section) => {
    const entries = tree[section];
    if (!Array.isArray(entries)) return [];
    return entries.flatMap((entry, i): Problem[] => {
      const value = isRecord(entry) ? entry["credential"] : undefined;
      if (typeof value !== "string" || names.includes(value.trim())) return [];
      return [{ path: [section, i, "credential"], expected, found: describeValue(value) }];
    });
  });
}

/**
 * `cloudflare.base_url`, else env CLOUDFLARE_BASE_URL, else the public API. Validated here rather
 * than in the schema because the env fallback needs the same check and the same error path.
 */
export function resolveBaseUrl(cloudflare: unknown, env: NodeJS.ProcessEnv): { baseUrl?: string; problems: Problem[] } {
  const fromConfig = configValue(cloudflare, "base_url");
  if (fromConfig.state === "invalid") return { problems: [] }; // the schema reports it
  const [text, source] = fromConfig.state === "set" ? [fromConfig.value, ""] : [envValue(env, ENV_BASE_URL), ` (from env ${ENV_BASE_URL})`];
  if (text === undefined) return { baseUrl: DEFAULT_BASE_URL, problems: [] };
  const checked = checkHttpUrl(text, true);
  if (checked.ok) return { baseUrl: checked.url, problems: [] };
  const expected = "an http(s) URL without credentials, query or fragment";
  return { problems: [{ path: ["cloudflare", "base_url"], expected, found: describeValue(text) + source }] };
}

/** Every credential value in a raw tree's `cloudflare` section, for scrubbing config error messages. */
export function credentialSecrets(cloudflare: unknown): unknown[] {
  if (!isRecord(cloudflare)) return [];
  const list = cloudflare["credentials"];
  const listed = Array.isArray(list) ? list.flatMap((entry) => (isRecord(entry) ? [entry["api_token"], entry["api_key"]] : [])) : [];
  return [cloudflare["api_token"], cloudflare["api_key"], ...listed];
}
