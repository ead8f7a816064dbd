import { z } from "zod";
import { nonBlank } from "./fields.js";
import { describeValue, type Problem } from "./problem.js";
import { parseRfc3339, RFC3339_EXPECTED } from "../clock/rfc3339.js";
import { isRecord } from "./section.js";

/** What a matcher may name besides the configured labels (`labels`, `zones[].labels`). */
export const SILENCE_MATCHER_KEYS = ["alertname", "zone", "source", "hostname", "cert_id", "subject_cn"] as const;

const MATCHERS = `a mapping of at least one of ${SILENCE_MATCHER_KEYS.join(", ")} (or a configured label) to a value or glob`;

const silenceShape = {
  /** Keys are checked against the configured labels by silenceMatcherProblems. */
  matchers: z
    .record(z.string(), z.string({ error: "a value or glob (* any characters, ? one) as a string" }), { error: MATCHERS })
    .refine((matchers) => Object.keys(matchers).length > 0, { error: MATCHERS }),
  until: z.string({ error: RFC3339_EXPECTED }).transform((text, ctx) => {
    const ms = parseRfc3339(text);
    if (ms === null) ctx.addIssue({ code: "custom", message: RFC3339_EXPECTED });
    return { text: text.trim(), ms: ms ?? 0 };
  }),
  comment: nonBlank("a comment saying why the alerts are muted (who asked, a ticket)").transform((text) => text.trim()),
};

export const SILENCE_KEYS = Object.keys(silenceShape);

const silenceSchema = z.strictObject(silenceShape, { error: `a mapping with ${SILENCE_KEYS.join(", ")}` });

export const silencesSchema = z.array(silenceSchema, { error: "a list of silences, each with matchers, until and comment" }).optional().default([]);

/** A silence as the engine uses it: until as written (for people) and in epoch ms (for the clock). */
export type SilenceConfig = z.output<typeof silenceSchema>;

/**
 * A matcher naming a label no alert can carry would never match, and the silence would look
 * like it works: refused, on the raw tree because the allowed names come from the labels sections.
 */
export function silenceMatcherProblems(tree: unknown): Problem[] {
  if (!isRecord(tree) || !isRecord(tree["alerts"]) || !Array.isArray(tree["alerts"]["silences"])) return [];
  const allowed = new Set<string>([...SILENCE_MATCHER_KEYS, ...labelNamesIn(tree)]);
  return tree["alerts"]["silences"].flatMap((silence, i): Problem[] => {
    const matchers = isRecord(silence) ? silence["matchers"] : undefined;
    if (!isRecord(matchers)) return [];
    return Object.keys(matchers)
      .filter((key) => !allowed.has(key))
      .map((key) => ({
        path: ["alerts", "silences", i, "matchers", key],
        expected: `one of ${[...allowed].join(", ")} (the configured labels count)`,
        found: describeValue(key),
      }));
  });
}

function labelNamesIn(tree: Record<string, unknown>): string[] {
  const zones = Array.isArray(tree["zones"]) ? tree["zones"] : [];
  const sections = [tree["labels"], ...zones.map((zone) => (isRecord(zone) ? zone["labels"] : undefined))];
  return sections.flatMap((labels) => (isRecord(labels) ? Object.keys(labels) : []));
}
