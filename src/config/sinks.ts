import { z } from "zod";
import { httpUrl, nonBlank } from "./fields.js";
import type { SinkSeverity } from "./schema.js";
import { isRecord } from "./section.js";

export const SINK_TYPES = ["webhook", "slack", "pagerduty", "alertmanager"] as const;
export type SinkType = (typeof SINK_TYPES)[number];
export const SINK_SEVERITIES = ["warning", "critical"] as const satisfies readonly SinkSeverity[];
export const DEFAULT_PAGERDUTY_URL = "https://events.pagerduty.com/v2/enqueue";

const SINK_NAME = "a sink name of lowercase letters, digits, _ and -";
const URL_EXPECTED = "an http(s) URL without user:password@";
/** RFC 9110 token characters, which is what undici accepts as a header name. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_NAME_EXPECTED = "a header name of letters, digits and !#$%&'*+-.^_`|~";
const HEADER_VALUE_EXPECTED = "a header value string without line breaks";
/**
 * Headers certwatch or the HTTP client set themselves: the webhook sink writes Content-Type and
 * X-Certwatch-Signature (src/sinks/webhook.ts), and fetch owns the framing ones.
 */
const RESERVED_HEADERS = ["content-type", "x-certwatch-signature", "content-length", "host", "transfer-encoding", "connection"];
const RESERVED_EXPECTED = "a header certwatch does not set itself (not Content-Type, X-Certwatch-Signature, Content-Length, Host, Transfer-Encoding, Connection)";

const name = z.string({ error: SINK_NAME }).regex(/^[a-z0-9_-]+$/, { error: SINK_NAME });
const minSeverity = z
  .enum(SINK_SEVERITIES, { error: `one of ${SINK_SEVERITIES.join(", ")}` })
  .optional()
  .default("warning");

const headers = z
  .record(
    z
      .string()
      .regex(HEADER_NAME, { error: HEADER_NAME_EXPECTED })
      .refine((name) => !RESERVED_HEADERS.includes(name.toLowerCase()), { error: RESERVED_EXPECTED }),
    z.string({ error: HEADER_VALUE_EXPECTED }).refine((value) => !/[\r\n\0]/.test(value), { error: HEADER_VALUE_EXPECTED }),
    { error: "a mapping of header names to values" },
  )
  .optional()
  .default({});

const alertmanagerApiPath = (url: string): string | undefined =>
  /\/api\/v[12](\/alerts)?$/.test(url) ? "the Alertmanager base URL without /api/..., e.g. http://alertmanager:9093" : undefined;

// Key order is the order "unknown key" messages list them in.
const webhookShape = {
  name,
  type: z.literal("webhook"),
  url: httpUrl(URL_EXPECTED),
  secret: nonBlank("a non-empty signing secret (or no secret key at all)").optional(),
  headers,
  min_severity: minSeverity,
};
const slackShape = {
  name,
  type: z.literal("slack"),
  url: httpUrl("a Slack incoming-webhook URL, http(s) without user:password@"),
  min_severity: minSeverity,
};
const pagerdutyShape = {
  name,
  type: z.literal("pagerduty"),
  routing_key: nonBlank("a non-empty routing key (the integration key of an Events API v2 integration)").transform((key) =>
    key.trim(),
  ),
  url: httpUrl(URL_EXPECTED).optional().default(DEFAULT_PAGERDUTY_URL),
  min_severity: minSeverity,
};
const alertmanagerShape = {
  name,
  type: z.literal("alertmanager"),
  url: httpUrl("an Alertmanager base URL such as http://alertmanager:9093 (http(s), no credentials, query or fragment)", true, alertmanagerApiPath),
  min_severity: minSeverity,
};

const SINK_SCHEMAS = {
  webhook: z.strictObject(webhookShape),
  slack: z.strictObject(slackShape),
  pagerduty: z.strictObject(pagerdutyShape),
  alertmanager: z.strictObject(alertmanagerShape),
};

/** The keys each sink type allows, for "unknown key" messages. */
export const SINK_KEYS: Readonly<Record<SinkType, readonly string[]>> = {
  webhook: Object.keys(webhookShape),
  slack: Object.keys(slackShape),
  pagerduty: Object.keys(pagerdutyShape),
  alertmanager: Object.keys(alertmanagerShape),
};

export type RawSink = z.output<(typeof SINK_SCHEMAS)[SinkType]>;

export function isSinkType(value: unknown): value is SinkType {
  return (SINK_TYPES as readonly unknown[]).includes(value);
}

/** What is checked of a sink whose type is unknown: its other keys cannot be judged. */
const untypedSink = z.object({ name, min_severity: minSeverity });

/**
 * One entry of `alerts.sinks`, checked against the schema of its `type`, so a key of another
 * type (routing_key on a webhook) is an unknown key. Hand-rolled rather than zod's
 * discriminatedUnion so a missing or unknown type still gets name and min_severity checked.
 */
export const sinkSchema = z.unknown().transform((value, ctx): RawSink => {
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
