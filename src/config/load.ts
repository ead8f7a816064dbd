import { sinkSecrets } from "../sinks/sink-schema.js";
import { ConfigError, formatProblem, isRecord, scrubSecrets, type Problem } from "../settings-file/problems.js";
import { parseYaml, readText } from "../settings-file/read.js";
import { credentialSecrets, ENV_KEY, ENV_TOKEN } from "./cloudflare.js";
import type { Config } from "./schema.js";
import { isSecretEntry, validateTree } from "./validate.js";

export { ConfigError } from "../settings-file/problems.js";

export const DEFAULT_CONFIG_PATH = "config/certwatch.yaml";

/** `--config PATH`, else `CERTWATCH_CONFIG`, else the default; empty values count as not given. */
export function resolveConfigPath(argvPath: string | undefined, env: NodeJS.ProcessEnv): string {
  if (argvPath !== undefined && argvPath !== "") return argvPath;
  const fromEnv = env["CERTWATCH_CONFIG"];
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  return DEFAULT_CONFIG_PATH;
}

/** Reads and validates the file at `path`. Throws ConfigError listing every problem. */
export function loadConfig(path: string, env: NodeJS.ProcessEnv = process.env): Config {
  const read = readText(path, "a readable YAML config file");
  if ("problem" in read) throw fail(path, [read.problem], env, undefined);
  return parseConfig(read.text, path, env);
}

/** Validates config text; `file` is only used in messages and as Config.file. */
export function parseConfig(text: string, file: string, env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = parseYaml(text, 'a YAML mapping of settings (at least "zones" or "discover")', isSecretEntry);
  if (!parsed.ok) throw fail(file, parsed.problems, env, undefined);
  const validated = validateTree(parsed.value, file, env);
  if (!validated.ok) {
    const inFileOrder = inOrder(validated.problems, parsed.offsetOf);
    throw fail(file, inFileOrder, env, validated.tree);
  }
  return validated.config;
}

function fail(file: string, problems: Problem[], env: NodeJS.ProcessEnv, tree: unknown): ConfigError {
  const secrets = knownSecrets(env, tree);
  const lines = problems.map((problem) => formatProblem(file, scrubSecrets(problem, secrets)));
  return new ConfigError(file, [...new Set(lines)]);
}

function inOrder(problems: Problem[], offsetOf: (path: Problem["path"]) => number): Problem[] {
  const keyed = problems.map((problem) => ({ problem, offset: offsetOf(problem.path) }));
  // Stable sort; equal offsets (both unknown included) keep the order the checks ran in.
  keyed.sort((a, b) => (a.offset === b.offset ? 0 : a.offset < b.offset ? -1 : 1));
  return keyed.map(({ problem }) => problem);
}

/** Every credential value we can know of, wherever it came from, so none is ever echoed. */
function knownSecrets(env: NodeJS.ProcessEnv, tree: unknown): string[] {
  const fromFile = credentialSecrets(isRecord(tree) ? tree["cloudflare"] : undefined);
  const alerts = isRecord(tree) ? tree["alerts"] : undefined;
  const fromSinks = isRecord(alerts) ? sinkSecrets(alerts["sinks"]) : [];
  return [env[ENV_TOKEN], env[ENV_KEY], ...fromFile, ...fromSinks]
    .filter((s): s is string => typeof s === "string")
    .map((s) => s.trim());
}
