/**
 * The sink types: each module holds its config schema beside its renderer; this joins them into
 * the schema of one `alerts.sinks` entry and picks the renderer for a configured sink.
 */
import { z } from "zod";
import { isRecord } from "../settings-file/problems.js";
import { alertmanagerSinkSchema, alertmanagerSinkShape, createAlertmanagerRenderer } from "./alertmanager.js";
import { createPagerDutyRenderer, pagerDutySinkSchema, pagerDutySinkShape } from "./pagerduty.js";
import type { SinkRenderer } from "./sink.js";
import { commonSinkShape } from "./sink-schema.js";
import { createSlackRenderer, slackSinkSchema, slackSinkShape } from "./slack.js";
import { createWebhookRenderer, webhookSinkSchema, webhookSinkShape } from "./webhook.js";

const SINK_SCHEMAS = {
  webhook: webhookSinkSchema,
  slack: slackSinkSchema,
  pagerduty: pagerDutySinkSchema,
  alertmanager: alertmanagerSinkSchema,
};
export type SinkType = keyof typeof SINK_SCHEMAS;
export const SINK_TYPES = Object.keys(SINK_SCHEMAS) as SinkType[];

/** A configured sink, as the config's parse gives it. */
export type SinkConfig = z.output<(typeof SINK_SCHEMAS)[SinkType]>;

/** The keys each sink type allows, for "unknown key" messages. */
export const SINK_KEYS: Readonly<Record<SinkType, readonly string[]>> = {
  webhook: Object.keys(webhookSinkShape),
  slack: Object.keys(slackSinkShape),
  pagerduty: Object.keys(pagerDutySinkShape),
  alertmanager: Object.keys(alertmanagerSinkShape),
};

export function isSinkType(value: unknown): value is SinkType {
  return (SINK_TYPES as readonly unknown[]).includes(value);
}

/** What is checked of a sink whose type is unknown: its other keys cannot be judged. */
const untypedSink = z.object(commonSinkShape);

/**
 * One entry of `alerts.sinks`, checked against the schema of its `type`, so a key of another
 * type (routing_key on a webhook) is an unknown key. Hand-rolled rather than zod's
 * discriminatedUnion so a missing or unknown type still gets name and min_severity checked.
 */
export const sinkSchema = z.unknown().transform((value, ctx): SinkConfig => {
  if (!isRecord(value)) {
    ctx.addIssue({ code: "custom", message: "a mapping with name, type and the settings of that type" });
    return z.NEVER;
  }
  const type = value["type"];
  if (!isSinkType(type)) {
    ctx.addIssue({ code: "custom", path: ["type"], message: `one of ${SINK_TYPES.join(", ")}` });
    forward(untypedSink.safeParse(value), ctx);
    return z.NEVER;
  }
  const result = SINK_SCHEMAS[type].safeParse(value);
  if (result.success) return result.data;
  forward(result, ctx);
  return z.NEVER;
});

function forward(result: z.ZodSafeParseResult<unknown>, ctx: z.RefinementCtx): void {
  if (result.success) return;
  for (const issue of result.error.issues) ctx.addIssue({ ...issue });
}

/** The renderer for a configured sink. Severity filtering (`min_severity`) is the caller's. */
export function createSinkRenderer(config: SinkConfig): SinkRenderer {
  switch (config.type) {
    case "webhook":
      return createWebhookRenderer(config);
    case "slack":
      return createSlackRenderer(config);
    case "pagerduty":
      return createPagerDutyRenderer(config);
    case "alertmanager":
      return createAlertmanagerRenderer(config);
    default: {
      const unknown: never = config;
      throw new Error(`unknown sink type: ${(unknown as { type: string }).type}`);
    }
  }
}
