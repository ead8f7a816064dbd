/**
 * From the parsed YAML tree to a Config. Every check runs regardless of the others so the user
 * sees all problems in one go: the schema, the checks across entries on the raw tree, and the
 * resolution of credentials and base URL against the environment.
 */
import type { z } from "zod";
import { formatDuration } from "../clock/duration.js";
import { isSinkType, SINK_KEYS, SINK_TYPES, type SinkType } from "../sinks/index.js";
import { editDistance } from "../text/edit-distance.js";
import { duplicateSinkProblems, silenceMatcherProblems } from "./alerts.js";
import { resolveBaseUrl, resolveCredentials, zoneCredentialProblems, type CredentialConfig } from "./cloudflare.js";
import { describeValue, formatPath, isSecretPath, type PathSegment, type Problem } from "./problems.js";
import { configFileSchema, KNOWN_KEYS, resolveConfig, type Config } from "./schema.js";
import { isRecord, valueAt } from "./tree.js";
import { interpolate } from "./yaml-source.js";
import { duplicateZoneProblems, zonesRequiredProblems, zoneThresholdProblems, type ZoneConfig } from "./zones.js";

export type Validated = { ok: true; config: Config } | { ok: false; problems: Problem[]; tree: unknown };

/** `tree` (after `${VAR}` substitution) is returned with the problems, for scrubbing secrets. */
export function validateTree(parsed: unknown, file: string, env: NodeJS.ProcessEnv): Validated {
  const { value: tree, problems: substitution, failedPaths } = interpolate(parsed, env);
  const result = configFileSchema.safeParse(nullsAsAbsent(tree));
  const cloudflare = isRecord(tree) ? tree["cloudflare"] : undefined;
  const auth = resolveCredentials(cloudflare, env, result.success ? result.data.cloudflare.max_requests_per_5m : 0);
  const baseUrl = resolveBaseUrl(cloudflare, env);
  const checks = [
    ...(result.success ? [] : zodProblems(result.error.issues, tree)),
    ...zonesRequiredProblems(tree),
    ...duplicateZoneProblems(tree),
    ...duplicateSinkProblems(tree),
    ...zoneThresholdProblems(tree),
    ...silenceMatcherProblems(tree),
    ...auth.problems,
    ...zoneCredentialProblems(tree, auth.credentials),
    ...baseUrl.problems,
  ];
  // A string whose variable is missing still holds "${VAR}"; saying that is no URL adds nothing.
  const problems = [...substitution, ...checks.filter((p) => !failedPaths.has(formatPath(p.path)))];
  const [first, ...others] = auth.credentials ?? [];
  if (problems.length > 0 || !result.success || !first || baseUrl.baseUrl === undefined) return { ok: false, problems, tree };
  const config = resolveConfig(result.data, file, [first, ...others], baseUrl.baseUrl);
  const written = isRecord(tree) && typeof tree["max_staleness"] === "string" ? tree["max_staleness"] : undefined;
  const listForm = isRecord(cloudflare) && Array.isArray(cloudflare["credentials"]);
  const staleness = stalenessProblems(config.max_staleness_ms, written, config.zones, config.cloudflare.credentials, listForm);
  return staleness.length > 0 ? { ok: false, problems: staleness, tree } : { ok: true, config };
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

/**
 * Turns schema issues into problems. The schema words every message as the "expected" half;
 * the "found" half is read from the tree the schema saw, so it shows the user's own value.
 */
export function zodProblems(issues: readonly z.core.$ZodIssue[], tree: unknown): Problem[] {
  return issues.flatMap((issue): Problem[] => {
    const path = issue.path.filter((s): s is PathSegment => typeof s !== "symbol");
    if (issue.code === "unrecognized_keys") return issue.keys.map((key) => unknownKey(path, key, tree));
    if (issue.code === "invalid_key") {
      // A record key failed its own schema (a header name); the key, not its value, is at fault.
      return [{ path, expected: issue.issues[0]?.message ?? issue.message, found: describeValue(path.at(-1)) }];
    }
    const value = valueAt(tree, path);
    const secret = isSecretPath(path, tree);
    const params = issue.code === "custom" ? (issue.params as { found?: unknown } | undefined) : undefined;
    const found =
      params && "found" in params
        ? `${describeValue(params.found, path.at(-1), secret)}${value === undefined ? " (the default)" : ""}`
        : describeValue(value, path.at(-1), secret);
    return [{ path, expected: issue.message, found }];
  });
}

function unknownKey(parent: PathSegment[], key: string, tree: unknown): Problem {
  const pattern = parent.map((s) => (typeof s === "number" ? "[]" : s)).join(".").replace(/\.\[\]/g, "[]");
  const sinkType = pattern === "alerts.sinks[]" ? sinkTypeAt(tree, parent) : undefined;
  const allowed = sinkType === undefined ? (KNOWN_KEYS[pattern] ?? []) : SINK_KEYS[sinkType];
  const hint = sinkType === undefined ? suggestion(key, allowed, pattern) : sinkSuggestion(key, sinkType);
  return {
    path: [...parent, key],
    expected: `one of ${allowed.join(", ")}${hint}`,
    // The value is not shown: a misspelt key is as likely as any to hold a token.
    found: "an unknown key",
  };
}

function suggestion(key: string, allowed: readonly string[], section: string): string {
  const near = nearMiss(key, allowed);
  if (near !== undefined) return ` (did you mean "${near}"?)`;
  for (const [other, keys] of Object.entries(KNOWN_KEYS)) {
    if (other !== section && keys.includes(key)) return ` ("${key}" belongs under ${other === "" ? "the top level" : other})`;
  }
  return "";
}

function sinkTypeAt(tree: unknown, path: readonly PathSegment[]): SinkType | undefined {
  const sink = valueAt(tree, path);
  const type = isRecord(sink) ? sink["type"] : undefined;
  return isSinkType(type) ? type : undefined;
}

/** A near miss among the sink type's own keys, else the types that do take the key. */
function sinkSuggestion(key: string, type: SinkType): string {
  const near = nearMiss(key, SINK_KEYS[type]);
  if (near !== undefined) return ` (did you mean "${near}"?)`;
  const others = SINK_TYPES.filter((other) => SINK_KEYS[other].includes(key));
  return others.length > 0 ? ` ("${key}" is for type ${others.join(", ")}, not ${type})` : "";
}

function nearMiss(key: string, allowed: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  return (
    allowed.find((name) => editDistance(lower, name) <= Math.max(1, Math.floor(name.length / 4))) ??
    allowed.find((name) => lower.length >= 4 && (name.includes(lower) || lower.includes(name)))
  );
}

const FIVE_MINUTES_MS = 300_000;

/**
 * The fewest requests that read a zone once: one per source (a page, or the AOP list, whose
 * switch is only asked for when it holds a certificate), and one per hostname for aop_hostname.
 */
function minimumRequests(zone: ZoneConfig): number {
  return zone.sources.reduce((n, source) => n + (source === "aop_hostname" ? zone.hostnames.length : 1), 0);
}

/**
 * `max_staleness` must be reachable: every configured zone of a credential read at least once
 * within it, at that credential's budget. Refused at load with the arithmetic, since no schedule
 * could keep the promise. (Discovered zones are only known at run time; there a shortfall is
 * said once, with certwatch_sweep_over_budget.)
 */
function stalenessProblems(
  maxStalenessMs: number,
  /** The value as the file writes it; undefined for the default. */
  written: string | undefined,
  zones: ZoneConfig[],
  credentials: CredentialConfig[],
  listForm: boolean,
): Problem[] {
  const first = credentials[0]?.name;
  const problems: Problem[] = [];
  credentials.forEach((credential, i) => {
    const own = zones.filter((z) => (z.credential ?? first) === credential.name);
    const needed = own.reduce((n, z) => n + minimumRequests(z), 0);
    const allowed = Math.floor((credential.max_requests_per_5m * maxStalenessMs) / FIVE_MINUTES_MS);
    if (needed <= allowed) return;
    const budgetKey = listForm ? `cloudflare.credentials[${i}].max_requests_per_5m` : "cloudflare.max_requests_per_5m";
    const span = formatDuration(maxStalenessMs);
    const enough = formatDuration((needed * FIVE_MINUTES_MS) / credential.max_requests_per_5m);
    const zonesWord = `${own.length.toLocaleString("en-US")} configured zone${own.length === 1 ? "" : "s"}`;
    problems.push({
      path: ["max_staleness"],
      expected:
        `a staleness bound the request budget can meet: max_staleness: ${span} needs ${needed.toLocaleString("en-US")} requests per ${span} ` +
        `(the ${zonesWord}${listForm ? ` of credential "${credential.name}"` : ""}, read once each) but ${budgetKey}: ${credential.max_requests_per_5m} ` +
        `allows ${allowed.toLocaleString("en-US")}; raise max_staleness to at least ${enough} or the budget`,
      found: written === undefined ? `${span} (the default)` : JSON.stringify(written),
    });
  });
  return problems;
}
