import type { Problem } from "./problem.js";
import type { CloudflareAuth } from "./schema.js";
import { configValue, envValue, type ConfigValue } from "./section.js";

export const ENV_TOKEN = "CLOUDFLARE_API_TOKEN";
export const ENV_KEY = "CLOUDFLARE_API_KEY";
export const ENV_EMAIL = "CLOUDFLARE_EMAIL";

export interface AuthResult {
  auth: CloudflareAuth | undefined;
  problems: Problem[];
}

/**
 * Picks the credentials, the file before the environment: a token in the file; else a key and
 * email if the file names either (the other may come from env); else the env token; else the
 * env key and email. So a CLOUDFLARE_API_TOKEN exported for other tools (wrangler reads it too)
 * never silently overrides a global key the file asks for. Within one source the token wins.
 */
export function resolveAuth(cloudflare: unknown, env: NodeJS.ProcessEnv): AuthResult {
  const token = configValue(cloudflare, "api_token");
  const key = configValue(cloudflare, "api_key");
  const email = configValue(cloudflare, "api_email");
  // A wrong type is the schema's to report; guessing around it would only add noise.
  if ([token, key, email].some((v) => v.state === "invalid")) return { auth: undefined, problems: [] };

  if (token.state === "set") return ok({ kind: "token", token: token.value });
  if (key.state === "set" || email.state === "set") return keyPair(key, email, env);
  const envToken = envValue(env, ENV_TOKEN);
  if (envToken !== undefined) return ok({ kind: "token", token: envToken });
  if (envValue(env, ENV_KEY) !== undefined || envValue(env, ENV_EMAIL) !== undefined) return keyPair(key, email, env);
  return {
    auth: undefined,
    problems: [
      {
        path: ["cloudflare", "api_token"],
        expected: `credentials: api_token (or env ${ENV_TOKEN}), or api_key + api_email (or env ${ENV_KEY} + ${ENV_EMAIL})`,
        found: "none of them set",
      },
    ],
  };
}

function keyPair(key: ConfigValue, email: ConfigValue, env: NodeJS.ProcessEnv): AuthResult {
  const keyValue = key.state === "set" ? key.value : envValue(env, ENV_KEY);
  const emailValue = email.state === "set" ? email.value : envValue(env, ENV_EMAIL);
  if (keyValue !== undefined && emailValue !== undefined) return ok({ kind: "key", key: keyValue, email: emailValue });
  const problems: Problem[] = [];
  if (keyValue === undefined) {
    problems.push({
      path: ["cloudflare", "api_key"],
      expected: `a global API key (or env ${ENV_KEY}) to go with api_email`,
      found: "nothing",
    });
  }
  if (emailValue === undefined) {
    problems.push({
      path: ["cloudflare", "api_email"],
      expected: `the account email (or env ${ENV_EMAIL}) to go with api_key`,
      found: "nothing",
    });
  }
  return { auth: undefined, problems };
}

function ok(auth: CloudflareAuth): AuthResult {
  return { auth, problems: [] };
}
