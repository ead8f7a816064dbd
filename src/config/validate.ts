/**
 * From the parsed YAML tree to a Config. Every check runs regardless of the others so the user
 * sees all problems in one go: the schema, the checks across entries on the raw tree, and the
 * resolution of credentials and base URL against the environment.
 */
import { formatDuration } from "../clock/duration.js";
import { isSinkType, SINK_KEYS, SINK_TYPES, type SinkType } from "../sinks/index.js";
import { sinkUrlIsSecret } from "../sinks/sink-schema.js";
import { formatPath, isRecord, isSecretKey, issueProblems, valueAt, type PathSegment, type Problem } from "../settings-file/problems.js";
import { interpolate, nullsAsAbsent } from "../settings-file/read.js";
import { editDistance } from "../text/edit-distance.js";
import { duplicateSinkProblems, silenceMatcherProblems } from "./alerts.js";
import { resolveBaseUrl, resolveCredentials, zoneCredentialProblems, type CredentialConfig } from "./cloudflare.js";
import { duplicateAccountProblems } from "./accounts.js";
import { configFileSchema, configuredTargets, KNOWN_KEYS, resolveConfig, type Config } from "./schema.js";
import { duplicateZoneProblems, zonesRequiredProblems, zoneThresholdProblems, type ZoneConfig } from "./zones.js";

export type Validated = { ok: true; config: Config } | { ok: false; problems: Problem[]; tree: unknown };

/** `tree` (after `${VAR}` substitution) is returned with the problems, for scrubbing secrets. */
export function validateTree(parsed: unknown, file: string, env: NodeJS.ProcessEnv): Validated {
  const { value: tree, problems: substitution, failedPaths } = interpolate(parsed, env, (path) => isSecretPath(path, parsed));
  const result = configFileSchema.safeParse(nullsAsAbsent(tree));
  const cloudflare = isRecord(tree) ? tree["cloudflare"] : undefined;
  const auth = resolveCredentials(cloudflare, env, result.success ? result.data.cloudflare.max_requests_per_5m : 0);
  const baseUrl = resolveBaseUrl(cloudflare, env);
  const checks = [
    ...(result.success ? [] : issueProblems(result.error.issues, tree, {
      unknownKey: (parent, key) => unknownKey(parent, key, tree),
      isSecretPath: (path) => isSecretPath(path, tree),
      secretEntry: isSecretEntry,
      namesDefaults: true,
    })),
    ...zonesRequiredProblems(tree),
    ...duplicateZoneProblems(tree),
    ...duplicateSinkProblems(tree),
    ...zoneThresholdProblems(tree),
    ...zoneThresholdProblems(tree, "accounts"),
    ...duplicateAccountProblems(tree),
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
  const staleness = stalenessProblems(config.max_staleness_ms, written, configuredTargets(config), config.cloudflare.credentials, listForm);
  return staleness.length > 0 ? { ok: false, problems: staleness, tree } : { ok: true, config };
}

/**
 * Whether the value at `path` in `tree` is a credential: a secret-looking key, any header
 * value, or the url of a sink that is (or might be) Slack. `tree` is needed for the sink type.
 */
function isSecretPath(path: readonly PathSegment[], tree: unknown): boolean {
  const key = path.at(-1);
  if (key === undefined) return false;
  if (isSecretKey(key) || path.at(-2) === "headers") return true;
  return key === "url" && path.at(-3) === "sinks" && sinkUrlIsSecret(valueAt(tree, path.slice(0, -1)));
}

/** For showing a whole mapping or list: a sink's url may be a credential (Slack's is). */
export const isSecretEntry = (holder: unknown, key: string): boolean => key === "url" && sinkUrlIsSecret(holder);

/** The "expected" half for an unknown key: the keys allowed there, and a guess at the one meant. */
function unknownKey(parent: PathSegment[], key: string, tree: unknown): string {
  const pattern = parent.map((s) => (typeof s === "number" ? "[]" : s)).join(".").replace(/\.\[\]/g, "[]");
  const sinkType = pattern === "alerts.sinks[]" ? sinkTypeAt(tree, parent) : undefined;
  const allowed = sinkType === undefined ? (KNOWN_KEYS[pattern] ?? []) : SINK_KEYS[sinkType];
  const hint = sinkType === undefined ? suggestion(key, allowed, pattern) : sinkSuggestion(key, sinkType);
  return `one of ${allowed.join(", ")}${hint}`;
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
 * The fewest requests that read a zone or an account once: one per source (a page, or the AOP
 * list, whose switch is only asked for when it holds a certificate), and one per hostname for
 * aop_hostname. An account's stores are one list each, like a zone's.
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
    const zonesWord = targetsWord(own);
    const whose = listForm ? ` of credential "${credential.name}"` : "";
    problems.push({
      path: ["max_staleness"],
      expected:
        `a staleness bound the request budget can meet: max_staleness: ${span} needs ${needed.toLocaleString("en-US")} requests ` +
        `per ${span} (the ${zonesWord}${whose}, read once each) but ${budgetKey}: ${credential.max_requests_per_5m} ` +
        `allows ${allowed.toLocaleString("en-US")}; raise max_staleness to at least ${enough} or the budget`,
      found: written === undefined ? `${span} (the default)` : JSON.stringify(written),
    });
  });
  return problems;
}

/** "3 configured zones", "2 configured zones and 1 account": what the staleness arithmetic counted. */
function targetsWord(targets: ZoneConfig[]): string {
  const accounts = targets.filter((t) => t.scope === "account").length;
  const zones = targets.length - accounts;
  const counted = (n: number, noun: string) => `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
  const zonesPart = `${counted(zones, "configured zone")}`;
  return accounts === 0 ? zonesPart : `${zonesPart} and ${counted(accounts, "account")}`;
}
