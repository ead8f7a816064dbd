import type { z } from "zod";

/** The `reason` label of certwatch_items_invalid_total: why one API item was skipped. */
export const INVALID_ITEM_REASONS = [
  /** The item has no usable id (missing, empty, or not a string): it cannot be told apart from others. */
  "missing_id",
  /** The item is not a JSON object (a string, number, null or list where an object belongs). */
  "not_an_object",
  /** Some other field has the wrong type or an unreadable value (e.g. a timestamp that is not one). */
  "bad_field",
] as const;
export type InvalidItemReason = (typeof INVALID_ITEM_REASONS)[number];

/** What a source skipped in one poll: counts by reason and the first example, for one log line. */
export interface InvalidItems {
  counts: Partial<Record<InvalidItemReason, number>>;
  /** The first skipped item, described; null when nothing was skipped. */
  example: string | null;
}

export interface ParsedItems<T> {
  items: T[];
  invalid: InvalidItemTally;
}

const ID_FIELDS = new Set<PropertyKey>(["id", "cert_id"]);

export class InvalidItemTally implements InvalidItems {
  counts: Partial<Record<InvalidItemReason, number>> = {};
  example: string | null = null;

  add(reason: InvalidItemReason, example: string): void {
    this.counts[reason] = (this.counts[reason] ?? 0) + 1;
    this.example ??= example;
  }

  merge(other: InvalidItems): this {
    for (const [reason, count] of Object.entries(other.counts) as Array<[InvalidItemReason, number]>) {
      this.counts[reason] = (this.counts[reason] ?? 0) + count;
    }
    this.example ??= other.example;
    return this;
  }

  get total(): number {
    return totalInvalid(this);
  }
}

export function totalInvalid(invalid: InvalidItems | undefined): number {
  return Object.values(invalid?.counts ?? {}).reduce((sum, n) => sum + (n ?? 0), 0);
}

export function invalidReason(item: unknown, issues: readonly z.core.$ZodIssue[]): InvalidItemReason {
  if (typeof item !== "object" || item === null || Array.isArray(item)) return "not_an_object";
  return issues.some((issue) => issue.path.length > 0 && ID_FIELDS.has(issue.path[0]!)) ? "missing_id" : "bad_field";
}

export function describeIssue(issues: readonly z.core.$ZodIssue[]): string {
  const issue = issues[0];
  if (!issue) return "unexpected shape";
  return issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message;
}
