import { severityRank, type Notification, type Severity } from "../alerts/alert.js";
import { z } from "zod";
import { httpUrl } from "../settings-file/fields.js";
import { rfc3339 } from "../clock/rfc3339.js";
import { truncate } from "./truncate.js";
import type { NotificationGroup, RenderContext, SinkRenderer } from "./sink.js";
import { commonSinkShape } from "./sink-schema.js";

export const slackSinkShape = {
  name: commonSinkShape.name,
  type: z.literal("slack"),
  /** A credential: anyone holding it can post to the channel (see sinkUrlIsSecret). */
  url: httpUrl("a Slack incoming-webhook URL, http(s) without user:password@"),
  min_severity: commonSinkShape.min_severity,
};
export const slackSinkSchema = z.strictObject(slackSinkShape);
export type SlackSinkConfig = z.output<typeof slackSinkSchema>;

/** Block Kit limits: blocks per message, a section's text, a header's plain text. */
export const SLACK_MAX_BLOCKS = 50;
export const SLACK_MAX_SECTION_TEXT = 3000;
export const SLACK_MAX_HEADER_TEXT = 150;
/** Our own cap on the top-level `text` (the notification fallback): one readable line. */
const MAX_FALLBACK_SUMMARY = 300;

interface TextObject {
  type: "plain_text" | "mrkdwn";
  text: string;
  emoji?: boolean;
}
export type SlackBlock =
  | { type: "header"; text: TextObject }
  | { type: "section"; text: TextObject }
  | { type: "context"; elements: TextObject[] };

/** An incoming-webhook message: `text` is what notifications show, `blocks` the message itself. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

const LOOK = {
  firing: { emoji: "🔴", word: "FIRING" },
  resolved: { emoji: "✅", word: "RESOLVED" },
} as const;

/**
 * One incoming-webhook message per group: a header saying FIRING or RESOLVED with the worst
 * severity, one section per alert (firing and most severe first), and a footer linking to
 * certwatch. Past Slack's 50 blocks the least important alerts are left out, with a note of how many.
 */
export function createSlackRenderer(config: SlackSinkConfig): SinkRenderer {
  return {
    resendsFiring: false,
    render(group, context) {
      if (group.notifications.length === 0) return [];
      const body = JSON.stringify(slackMessage(group, context));
      // Slack's message has no field for the id: it travels in the header only.
      return [{ url: config.url, headers: { "content-type": "application/json" }, body, notificationId: group.id }];
    },
  };
}

export function slackMessage(group: NotificationGroup, context: RenderContext): SlackMessage {
  const ordered = [...group.notifications].sort(importance);
  const firing = ordered.filter((n) => n.status === "firing").length;
  const look = LOOK[firing > 0 ? "firing" : "resolved"];
  const severity = worstSeverity(firing > 0 ? ordered.filter((n) => n.status === "firing") : ordered);
  const counts = [firing > 0 ? `${firing} firing` : "", ordered.length > firing ? `${ordered.length - firing} resolved` : ""]
    .filter(Boolean)
    .join(", ");

  // An account-wide alert (zone discovery down) belongs to no zone; an account's alerts to their account.
  const zoneTitle = group.zoneId ? group.zone : group.accountId ? (group.account ?? group.accountId) : "all zones";
  const zoneLine = group.zoneId
    ? `zone ${escapeMrkdwn(group.zone)} (${escapeMrkdwn(group.zoneId)})`
    : group.accountId
      ? `account ${escapeMrkdwn(group.account ?? "")} (${escapeMrkdwn(group.accountId)})`
      : "all zones";
  const header: SlackBlock = {
    type: "header",
    text: {
      type: "plain_text",
      text: truncate(`${look.emoji} ${look.word} · ${severity.toUpperCase()} · ${zoneTitle} · ${counts}`, SLACK_MAX_HEADER_TEXT),
      emoji: true,
    },
  };
  const footer: SlackBlock = {
    type: "context",
    elements: [
      {
        type: "mrkdwn",
        text: truncate(
          `certwatch · ${zoneLine} · <${escapeMrkdwn(context.externalUrl)}|status page>`,
          SLACK_MAX_SECTION_TEXT,
        ),
      },
    ],
  };

  // Header and footer always; past the limit one more block says what was left out.
  const room = SLACK_MAX_BLOCKS - 2;
  const shown = ordered.length <= room ? ordered : ordered.slice(0, room - 1);
  const hidden = ordered.slice(shown.length);
  const blocks: SlackBlock[] = [header, ...shown.map((n) => alertSection(n, context))];
  if (hidden.length > 0) blocks.push(hiddenNote(hidden, context));
  blocks.push(footer);

  const [first] = ordered;
  const lead = first ? first.alert.annotations.summary || first.alert.labels.alertname : "";
  const more = ordered.length > 1 ? ` (+${ordered.length - 1} more)` : "";
  const text = `${look.emoji} ${look.word} [${severity.toUpperCase()}] ${escapeMrkdwn(zoneTitle)}: ${escapeMrkdwn(truncate(lead, MAX_FALLBACK_SUMMARY))}${more}`;
  return { text, blocks };
}

/** Firing before resolved, then critical before warning; otherwise the order given. */
function importance(a: Notification, b: Notification): number {
  const status = (n: Notification) => (n.status === "firing" ? 0 : 1);
  return status(a) - status(b) || severityRank(b.alert.labels.severity) - severityRank(a.alert.labels.severity);
}

function worstSeverity(notifications: Notification[]): Severity {
  let worst: Severity = "warning";
  for (const n of notifications) if (severityRank(n.alert.labels.severity) > severityRank(worst)) worst = n.alert.labels.severity;
  return worst;
}

function alertSection(n: Notification, context: RenderContext): SlackBlock {
  const { labels, annotations } = n.alert;
  const look = LOOK[n.status];
  const subject = labels.hostname || labels.cert_id;
  const title = `${look.emoji} *${look.word}* · *${labels.severity.toUpperCase()}* · \`${labels.alertname}\`${subject ? ` · ${escapeMrkdwn(subject)}` : ""}`;
  const facts = [
    annotations.expires_at ? `Expires: ${escapeMrkdwn(annotations.expires_at)}` : "",
    n.status === "firing" ? `Firing since ${rfc3339(n.startsAt)}` : `Resolved at ${rfc3339(n.endsAt ?? context.now)}`,
    annotations.runbook_url ? `<${escapeMrkdwn(annotations.runbook_url)}|Runbook>` : "",
  ]
    .filter(Boolean)
    .join(" · ");

  // Title and facts are short; summary, then description, get what is left of the 3000.
  let room = SLACK_MAX_SECTION_TEXT - title.length - 1 - facts.length;
  const lines = [title];
  if (annotations.summary && room > 3) {
    const summary = escapeWithin(annotations.summary, room - 3);
    if (summary) {
      lines.push(`*${summary}*`);
      room -= summary.length + 3;
    }
  }
  if (annotations.description && room > 1) {
    const description = escapeWithin(annotations.description, room - 1);
    if (description) lines.push(description);
  }
  lines.push(facts);
  return { type: "section", text: { type: "mrkdwn", text: truncate(lines.join("\n"), SLACK_MAX_SECTION_TEXT) } };
}

function hiddenNote(hidden: Notification[], context: RenderContext): SlackBlock {
  const firing = hidden.filter((n) => n.status === "firing").length;
  const text = `…and ${hidden.length} more alerts (${firing} firing, ${hidden.length - firing} resolved) — see <${escapeMrkdwn(context.externalUrl)}|certwatch>`;
  return { type: "section", text: { type: "mrkdwn", text } };
}

/** Slack reads &, < and > as markup (`<!channel>` would ping everyone); anything else is literal. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * `raw` escaped, and cut so the result fits `max` characters, ending "… and N more characters"
 * when cut; "" when not even the note fits. Cuts between code points, never inside an entity.
 */
function escapeWithin(raw: string, max: number): string {
  const escaped = escapeMrkdwn(raw);
  if (escaped.length <= max) return escaped;
  const points = Array.from(raw);
  const reserve = ` … and ${points.length} more characters`.length;
  let out = "";
  let used = 0;
  for (const point of points) {
    const piece = escapeMrkdwn(point);
    if (out.length + piece.length + reserve > max) break;
    out += piece;
    used += 1;
  }
  if (used === 0) return "";
  return `${out} … and ${points.length - used} more characters`;
}
