/**
 * Reading the not-yet-validated tree (plain YAML values). Credential and URL resolution run
 * even when the schema rejects other parts of the file, so that one load reports everything;
 * they therefore cannot rely on the schema's typed output.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export type ConfigValue =
  | { state: "unset" }
  | { state: "set"; value: string }
  /** Present with a non-string value; the schema already reports that, so callers stay quiet. */
  | { state: "invalid" };

/** A string setting, trimmed; empty, blank and null count as unset, like an absent key. */
export function configValue(section: unknown, key: string): ConfigValue {
  if (section === undefined || section === null) return { state: "unset" };
  if (!isRecord(section)) return { state: "invalid" };
  const value = section[key];
  if (value === undefined || value === null) return { state: "unset" };
  if (typeof value !== "string") return { state: "invalid" };
  const trimmed = value.trim();
  return trimmed === "" ? { state: "unset" } : { state: "set", value: trimmed };
}

export function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const trimmed = env[name]?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}

/** The node at `path` in a tree of plain YAML values; undefined where the path leads nowhere. */
export function valueAt(tree: unknown, path: readonly (string | number)[]): unknown {
  let node = tree;
  for (const segment of path) {
    if (typeof segment === "number" ? !Array.isArray(node) : !isRecord(node)) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}
