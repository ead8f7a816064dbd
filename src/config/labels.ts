import { z } from "zod";
import { BUILT_IN_LABEL_NAMES, isBuiltInLabelName } from "../labels/built-in-names.js";

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export const LABEL_NAME_EXPECTED = "a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __)";
const NOT_BUILT_IN = `a label name certwatch does not use itself (not one of ${BUILT_IN_LABEL_NAMES.join(", ")})`;
const LABEL_VALUE = "a label value as a string (quote numbers and booleans)";

/** Why `name` cannot be a configured label, or undefined when it can. */
export function labelNameProblem(name: string): string | undefined {
  // Names starting with __ are reserved for Prometheus' internal use.
  if (!LABEL_NAME.test(name) || name.startsWith("__")) return LABEL_NAME_EXPECTED;
  return isBuiltInLabelName(name) ? NOT_BUILT_IN : undefined;
}

const labelName = z.string().superRefine((name, ctx) => {
  const problem = labelNameProblem(name);
  if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
});

/** `labels:` at the top level and on a zone: names to string values, added to the zone's series and alerts. */
export const labelsSchema = z
  .record(labelName, z.string({ error: LABEL_VALUE }), { error: "a mapping of label names to string values" })
  .optional()
  .default({});

export type LabelSet = z.output<typeof labelsSchema>;

/** A zone's labels: the global ones, with the zone's own winning on a shared name. */
export function mergeLabels(global: LabelSet, zone: LabelSet | undefined): LabelSet {
  return { ...global, ...zone };
}
