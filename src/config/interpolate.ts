import { describeValue, formatPath, isSecretPath, type PathSegment, type Problem } from "./problem.js";
import { isRecord } from "./section.js";

export interface Interpolated {
  value: unknown;
  problems: Problem[];
  /** Paths (formatted) whose string could not be completed; later checks stay quiet about them. */
  failedPaths: Set<string>;
}

// `$${` is the escape for a literal `${`; a lone `${` without `}` is reported, not passed through.
const TOKEN = /\$\$\{|\$\{([^}]*)\}|\$\{/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Replaces `${VAR}` in every string value of the tree (not in keys) from `env`. One pass:
 * text coming from a variable is not scanned again, so a value containing "${" stays as is.
 * A string with an unknown variable keeps its original text so later checks have a value.
 */
export function interpolate(tree: unknown, env: NodeJS.ProcessEnv): Interpolated {
  const result: Interpolated = { value: undefined, problems: [], failedPaths: new Set() };
  const walk = (value: unknown, path: PathSegment[]): unknown => {
    if (typeof value === "string") return substitute(value, path, env, result, isSecretPath(path, tree));
    if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, i]));
    if (isRecord(value)) {
      const copy: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) copy[key] = walk(item, [...path, key]);
      return copy;
    }
    return value;
  };
  result.value = walk(tree, []);
  return result;
}

/** `secret`: the string is a credential (see isSecretPath), so its text is never echoed. */
function substitute(text: string, path: PathSegment[], env: NodeJS.ProcessEnv, out: Interpolated, secret: boolean): string {
  if (!text.includes("${")) return text;
  const where = formatPath(path);
  let failed = false;
  const fail = (problem: Omit<Problem, "path">): string => {
    failed = true;
    out.problems.push({ path, ...problem });
    return "";
  };
  const replaced = text.replace(TOKEN, (match: string, name: string | undefined) => {
    if (match === "$${") return "${";
    if (name === undefined) {
      return fail({ expected: "a closing } after ${ (write $${ for a literal ${)", found: describeValue(text, path.at(-1), secret) });
    }
    if (!NAME.test(name)) {
      return fail({
        expected: "${NAME} with NAME made of letters, digits and _ (write $${ for a literal ${)",
        found: describeValue(match, path.at(-1), secret),
      });
    }
    const replacement = env[name];
    if (replacement === undefined) {
      return fail({ expected: `environment variable ${name} to be set`, found: "it unset" });
    }
    return replacement;
  });
  if (!failed) return replaced;
  out.failedPaths.add(where);
  return text;
}
