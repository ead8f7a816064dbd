import { resolveBaseUrl } from "./base-url.js";
import { resolveAuth } from "./credentials.js";
import { interpolate } from "./interpolate.js";
import { parseListen } from "./listen.js";
import { describeValue, formatPath, type Problem } from "./problem.js";
import { rawConfigSchema, type Config } from "./schema.js";
import { isRecord } from "./section.js";
import { duplicateProblems } from "./uniqueness.js";
import { zodProblems } from "./zod-problems.js";

export type Validated = { ok: true; config: Config } | { ok: false; problems: Problem[]; tree: unknown };

/**
 * From the parsed YAML tree to a Config. Every check runs regardless of the others so the user
 * sees all problems in one go; `tree` (after `${VAR}` substitution) is returned for scrubbing.
 */
export function validateTree(parsed: unknown, file: string, env: NodeJS.ProcessEnv): Validated {
  const { value: tree, problems: substitution, failedPaths } = interpolate(parsed, env);
  const result = rawConfigSchema.safeParse(nullsAsAbsent(tree));
  const cloudflare = isRecord(tree) ? tree["cloudflare"] : undefined;
  const auth = resolveAuth(cloudflare, env);
  const baseUrl = resolveBaseUrl(cloudflare, env);
  const checks = [
    ...(result.success ? [] : zodProblems(result.error.issues, tree)),
    ...duplicateProblems(tree),
    ...auth.problems,
    ...baseUrl.problems,
  ];
  // A string whose variable is missing still holds "${VAR}"; saying that is no URL adds nothing.
  const problems = [...substitution, ...checks.filter((p) => !failedPaths.has(formatPath(p.path)))];
  if (problems.length > 0 || !result.success || !auth.auth || baseUrl.baseUrl === undefined) {
    return { ok: false, problems, tree };
  }
  const raw = result.data;
  const listen = parseListen(raw.server.listen);
  if (!listen.ok) {
    // Unreachable while the schema checks listen with the same parser; kept so types stay honest.
    const problem = { path: ["server", "listen"], expected: listen.expected, found: describeValue(raw.server.listen) };
    return { ok: false, problems: [problem], tree };
  }
  return {
    ok: true,
    config: {
      file,
      cloudflare: {
        auth: auth.auth,
        base_url: baseUrl.baseUrl,
        timeout_seconds: raw.cloudflare.timeout_seconds,
        max_requests_per_5m: raw.cloudflare.max_requests_per_5m,
        max_retries: raw.cloudflare.max_retries,
        retry_after_cap_seconds: raw.cloudflare.retry_after_cap_seconds,
        concurrency: raw.cloudflare.concurrency,
      },
      zones: raw.zones.map((zone) => ({ id: zone.id, name: zone.name ?? zone.id, hostnames: zone.hostnames })),
      schedule: raw.schedule,
      thresholds: { ...raw.thresholds },
      server: { listen: raw.server.listen, host: listen.host, port: listen.port },
      log: { ...raw.log },
    },
  };
}

/**
 * An empty value (`key:` with nothing after it) means "not set", so a section whose lines are
 * all commented out falls back to defaults. Only mapping values: a null inside a list is an error.
 */
function nullsAsAbsent(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(nullsAsAbsent);
  if (!isRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = item === null ? undefined : nullsAsAbsent(item);
  return copy;
}
