import { z } from "zod";
import { fromDecimalString, nonBlank } from "./fields.js";
import { resolveAuth } from "./credentials.js";
import { describeValue, type PathSegment, type Problem } from "./problem.js";
import type { CloudflareAuth } from "./schema.js";
import { configValue, isRecord } from "./section.js";

/** The name the single-credential form (cloudflare.api_token, …, or the environment) goes by. */
export const DEFAULT_CREDENTIAL = "default";

const MAX_PER_5M = 1200;
const PER_5M = `an integer from 1 to ${MAX_PER_5M}`;

/**
 * One entry of `cloudflare.credentials`. Cloudflare's rate limit is per user, so each credential
 * has its own request budget (`max_requests_per_5m`, default the `cloudflare` one).
 */
export const credentialEntrySchema = z.strictObject(
  {
    name: nonBlank("a non-empty credential name").transform((name) => name.trim()),
    api_token: z.string({ error: "an API token string" }).optional(),
    api_key: z.string({ error: "a global API key string" }).optional(),
    api_email: z.string({ error: "the account email as a string" }).optional(),
    /** Absent: cloudflare.max_requests_per_5m. */
    max_requests_per_5m: z
      .preprocess(fromDecimalString, z.number({ error: PER_5M }).int({ error: PER_5M }).min(1, { error: PER_5M }).max(MAX_PER_5M, { error: PER_5M }))
      .optional(),
  },
  { error: "a mapping with name, api_token (or api_key and api_email), and optionally max_requests_per_5m" },
);
export type CredentialEntry = z.infer<typeof credentialEntrySchema>;
export const CREDENTIAL_KEYS = Object.keys(credentialEntrySchema.shape);

export const credentialsSchema = z
  .array(credentialEntrySchema, { error: "a list of credentials, each with name and api_token (or api_key and api_email)" })
  .min(1, { error: "a list of at least one credential" })
  .optional();

/** A credential as the daemon uses it: one client, one budget, its own zone listing. */
export interface CredentialConfig {
  name: string;
  auth: CloudflareAuth;
  max_requests_per_5m: number;
}

export interface CredentialsResult {
  credentials: CredentialConfig[] | undefined;
  problems: Problem[];
}

const SINGLE_KEYS = ["api_token", "api_key", "api_email"] as const;

/**
 * The credentials the file asks for: a `cloudflare.credentials` list, or the single-credential
 * form (keys or environment, see credentials.ts) as one credential named "default". Both at once
 * is refused: which one a zone would use could only be guessed. The list never falls back to the
 * environment, for the same reason. `fallbackPer5m` is cloudflare.max_requests_per_5m.
 */
export function resolveCredentials(cloudflare: unknown, env: NodeJS.ProcessEnv, fallbackPer5m: number): CredentialsResult {
  const list = isRecord(cloudflare) ? cloudflare["credentials"] : undefined;
  if (list === undefined || list === null) {
    const single = resolveAuth(cloudflare, env);
    const credentials = single.auth ? [{ name: DEFAULT_CREDENTIAL, auth: single.auth, max_requests_per_5m: fallbackPer5m }] : undefined;
    return { credentials, problems: single.problems };
  }
  const both = SINGLE_KEYS.filter((key) => configValue(cloudflare, key).state !== "unset");
  if (both.length > 0) {
    return {
      credentials: undefined,
      problems: both.map((key) => ({
        path: ["cloudflare", key],
        expected: "either cloudflare.credentials or the single-credential keys (api_token, or api_key and api_email), not both",
        found: "both",
      })),
    };
  }
  if (!Array.isArray(list)) return { credentials: undefined, problems: [] };
  const problems: Problem[] = [];
  const credentials: CredentialConfig[] = [];
  const firstWithName = new Map<string, number>();
  list.forEach((entry, i) => {
    const at: PathSegment[] = ["cloudflare", "credentials", i];
    const parsed = credentialEntrySchema.safeParse(entry);
    // Shape errors (types, unknown keys) are the schema's to report.
    if (!parsed.success) return;
    const { name } = parsed.data;
    const first = firstWithName.get(name);
    if (first === undefined) firstWithName.set(name, i);
    else problems.push({ path: [...at, "name"], expected: `a credential name not already used by cloudflare.credentials[${first}]`, found: describeValue(name) });
    const auth = entryAuth(parsed.data, at, problems);
    if (auth) credentials.push({ name, auth, max_requests_per_5m: parsed.data.max_requests_per_5m ?? fallbackPer5m });
  });
  return { credentials: problems.length ? undefined : credentials, problems };
}

function entryAuth(entry: CredentialEntry, at: PathSegment[], problems: Problem[]): CloudflareAuth | undefined {
  const token = configValue(entry, "api_token");
  const key = configValue(entry, "api_key");
  const email = configValue(entry, "api_email");
  if (token.state === "set" && (key.state === "set" || email.state === "set")) {
    problems.push({ path: [...at, "api_token"], expected: "api_token, or api_key and api_email, not both", found: "both" });
    return undefined;
  }
  if (token.state === "set") return { kind: "token", token: token.value };
  if (key.state === "set" && email.state === "set") return { kind: "key", key: key.value, email: email.value };
  if (key.state === "set") problems.push({ path: [...at, "api_email"], expected: "the account email to go with api_key", found: "nothing" });
  else if (email.state === "set") problems.push({ path: [...at, "api_key"], expected: "a global API key to go with api_email", found: "nothing" });
  else problems.push({ path: [...at, "api_token"], expected: "credentials: api_token, or api_key + api_email", found: "none of them set" });
  return undefined;
}

/**
 * Each `zones[].credential` must name a credential. Absent means the first one, which keeps a
 * file written for one credential valid when a second is added.
 */
export function zoneCredentialProblems(tree: unknown, credentials: CredentialConfig[] | undefined): Problem[] {
  const zones = isRecord(tree) ? tree["zones"] : undefined;
  if (!credentials || !Array.isArray(zones)) return [];
  const names = credentials.map((c) => c.name);
  const expected =
    names.length === 1 && names[0] === DEFAULT_CREDENTIAL
      ? `"${DEFAULT_CREDENTIAL}" (the only credential; several go under cloudflare.credentials)`
      : `the name of a credential in cloudflare.credentials (${names.join(", ")})`;
  const problems: Problem[] = [];
  zones.forEach((zone, z) => {
    const value = isRecord(zone) ? zone["credential"] : undefined;
    if (typeof value === "string" && !names.includes(value.trim())) problems.push({ path: ["zones", z, "credential"], expected, found: describeValue(value) });
  });
  return problems;
}

/** Every credential value of the list in a raw tree, for scrubbing config error messages. */
export function listedCredentialSecrets(cloudflare: unknown): unknown[] {
  const list = isRecord(cloudflare) ? cloudflare["credentials"] : undefined;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) => (isRecord(entry) ? [entry["api_token"], entry["api_key"]] : []));
}
