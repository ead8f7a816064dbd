import { readFileSync } from "node:fs";
import { sinkSecrets } from "../sinks/sink-schema.js";
import { credentialSecrets, ENV_KEY, ENV_TOKEN } from "./cloudflare.js";
import { formatProblem, scrubSecrets, type Problem } from "./problems.js";
import type { Config } from "./schema.js";
import { isRecord } from "./tree.js";
import { validateTree } from "./validate.js";
import { parseYaml } from "./yaml-source.js";

export const DEFAULT_CONFIG_PATH = "config/certwatch.yaml";

/** `--config PATH`, else `CERTWATCH_CONFIG`, else the default; empty values count as not given. */
export function resolveConfigPath(argvPath: string | undefined, env: NodeJS.ProcessEnv): string {
  if (argvPath !== undefined && argvPath !== "") return argvPath;
  const fromEnv = env["CERTWATCH_CONFIG"];
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  return DEFAULT_CONFIG_PATH;
}

/** A config that cannot be used; `problems` holds one line per problem, all of them. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly file: string;
  readonly problems: string[];

  constructor(file: string, problems: string[]) {
    super(problems.join("\n"));
    this.file = file;
    this.problems = problems;
  }
}

/** Reads and validates the file at `path`. Throws ConfigError listing every problem. */
export function loadConfig(path: string, env: NodeJS.ProcessEnv = process.env): Config {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw fail(path, [{ path: [], location: "(file)", expected: "a readable YAML config file", found: describeReadError(error) }], env, undefined);
  }
  return parseConfig(text, path, env);
}

/** Validates config text; `file` is only used in messages and as Config.file. */
export function parseConfig(text: string, file: string, env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = parseYaml(text);
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

function describeReadError(error: unknown): string {
  const code = isRecord(error) && typeof error["code"] === "string" ? error["code"] : undefined;
  if (code === "ENOENT") return "no such file (ENOENT)";
  if (code === "EACCES") return "permission denied (EACCES)";
  if (code === "EISDIR") return "a directory (EISDIR)";
  return error instanceof Error ? error.message : String(error);
}
