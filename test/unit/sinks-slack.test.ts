import { describe, expect, it } from "vitest";
import type { Notification } from "../../src/alerts/alert.js";
import { createSinkRenderer } from "../../src/sinks/index.js";
import {
  SLACK_MAX_BLOCKS,
  SLACK_MAX_HEADER_TEXT,
  SLACK_MAX_SECTION_TEXT,
  type SlackBlock,
  type SlackMessage,
  type SlackSinkConfig,
} from "../../src/sinks/slack.js";
import { context, group, notification, only } from "./sinks-fixtures.js";

const config: SlackSinkConfig = { type: "slack", name: "chat", min_severity: "warning", url: "https://hooks.slack.com/services/T0/B0/x" };
const render = (notifications: Notification[]) => createSinkRenderer(config).render(group(notifications, "chat"), context);
const message = (notifications: Notification[]) => only<SlackMessage>(render(notifications));

function textOf(block: SlackBlock): string {
  return block.type === "context" ? block.elements.map((e) => e.text).join(" ") : block.text.text;
}
const sections = (m: SlackMessage) => m.blocks.filter((b) => b.type === "section").map(textOf);

describe("slack sink (incoming webhook, Block Kit)", () => {
  it("names an account-wide group (no zone) as all zones, not an empty zone", () => {
    const accountWide = { ...group([notification()], "chat"), zone: "", zoneId: "" };
    const m = only<SlackMessage>(createSinkRenderer(config).render(accountWide, context));
    expect(textOf(m.blocks[0]!)).toBe("🔴 FIRING · CRITICAL · all zones · 1 firing");
    expect(m.text).toContain("[CRITICAL] all zones:");
    expect(textOf(m.blocks.at(-1)!)).toMatch(/^certwatch · all zones · </);
  });

  it("posts one message per group with text and blocks: header, one section per alert, footer", () => {
    const requests = render([notification(), notification({ hostname: "api.example.com", severity: "warning" })]);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe(config.url);
    expect(requests[0]!.headers).toEqual({ "content-type": "application/json" });
    const m = only<SlackMessage>(requests);
    expect(Object.keys(m)).toEqual(["text", "blocks"]);
    expect(m.text).toContain("🔴 FIRING");
    expect(m.text).toContain("[CRITICAL]");
    expect(m.text).toContain("example.com");
    expect(m.text).toContain("(+1 more)");
    expect(m.blocks.map((b) => b.type)).toEqual(["header", "section", "section", "context"]);
    const header = m.blocks[0]!;
    expect(header.type === "header" && header.text.type).toBe("plain_text");
    expect(textOf(header)).toBe("🔴 FIRING · CRITICAL · example.com · 2 firing");
    expect(textOf(m.blocks[3]!)).toContain(`<${context.externalUrl}|status page>`);
  });

  it("shows each alert's severity, summary, description, expires_at and runbook link", () => {
    const [section] = sections(message([notification({ severity: "warning" })]));
    expect(section).toContain("🔴 *FIRING*");
    expect(section).toContain("*WARNING*");
    expect(section).toContain("`CertificateExpiringSoon`");
    expect(section).toContain("app.example.com");
    expect(section).toContain("*Certificate for app.example.com expires in 3.0 days*");
    expect(section).toContain("The Authenticated Origin Pulls client certificate expires soon.");
    expect(section).toContain("Expires: 2025-05-04T12:00:00.000Z");
    expect(section).toContain("<https://runbooks.example.com/certwatch#certificateexpiringsoon|Runbook>");
  });

  it("makes resolved visibly different from firing", () => {
    const firing = message([notification()]);
    const resolved = message([notification({ status: "resolved" })]);
    expect(resolved.text).toMatch(/^✅ RESOLVED/);
    expect(firing.text).toMatch(/^🔴 FIRING/);
    expect(textOf(resolved.blocks[0]!)).toMatch(/^✅ RESOLVED/);
    expect(sections(resolved)[0]).toContain("✅ *RESOLVED*");
    expect(sections(resolved)[0]).toContain("Resolved at 2025-05-01T11:45:00.000Z");
    expect(sections(firing)[0]).toContain("Firing since 2025-05-01T09:30:00.000Z");
    expect(resolved.text).not.toContain("FIRING");
  });

  it("puts firing and critical alerts first in a mixed group, and counts both", () => {
    const m = message([
      notification({ status: "resolved", hostname: "old.example.com" }),
      notification({ severity: "warning", hostname: "warn.example.com" }),
      notification({ severity: "critical", hostname: "crit.example.com" }),
    ]);
    expect(textOf(m.blocks[0]!)).toBe("🔴 FIRING · CRITICAL · example.com · 2 firing, 1 resolved");
    const order = sections(m).map((s) => /(\w+)\.example\.com/.exec(s)?.[1]);
    expect(order).toEqual(["crit", "warn", "old"]);
  });

  it("escapes Slack's control characters in alert text", () => {
    const [section] = sections(message([notification({ summary: "<!channel> & friends", description: "a > b" })]));
    expect(section).toContain("*&lt;!channel&gt; &amp; friends*");
    expect(section).toContain("a &gt; b");
    expect(section).not.toContain("<!channel>");
  });

  it("keeps to 50 blocks, leaving out the least important alerts with an 'and N more' note", () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      notification({ hostname: `h${i}.example.com`, severity: i < 5 ? "critical" : "warning", status: i >= 55 ? "resolved" : "firing" }),
    );
    const m = message(many);
    expect(m.blocks).toHaveLength(SLACK_MAX_BLOCKS);
    expect(m.blocks[0]!.type).toBe("header");
    expect(m.blocks.at(-1)!.type).toBe("context");
    const note = textOf(m.blocks.at(-2)!);
    expect(note).toContain("and 13 more alerts (8 firing, 5 resolved)");
    const shown = sections(m).slice(0, -1);
    expect(shown).toHaveLength(47);
    expect(shown.slice(0, 5).every((s) => s.includes("*CRITICAL*"))).toBe(true);
    expect(shown.some((s) => s.includes("RESOLVED"))).toBe(false);

    // Exactly at the limit nothing is left out.
    const fits = message(many.slice(0, 48));
    expect(fits.blocks).toHaveLength(SLACK_MAX_BLOCKS);
    expect(fits.blocks.some((b) => textOf(b).includes("more alerts"))).toBe(false);
  });

  it("truncates a long section to 3000 characters with a note, keeping the facts and runbook link", () => {
    const description = "x".repeat(5000);
    const [section] = sections(message([notification({ description })]));
    expect(section!.length).toBeLessThanOrEqual(SLACK_MAX_SECTION_TEXT);
    expect(section).toMatch(/… and \d+ more characters/);
    expect(section).toContain("|Runbook>");
    expect(section).toContain("Expires: 2025-05-04T12:00:00.000Z");

    const escapesOnly = "&".repeat(1000); // 5000 characters once escaped
    const [escaped] = sections(message([notification({ description: escapesOnly })]));
    expect(escaped!.length).toBeLessThanOrEqual(SLACK_MAX_SECTION_TEXT);
    expect(escaped).not.toMatch(/&(a|am|amp)?( |\n|$)/); // never cut inside "&amp;"
  });

  it("keeps the header within 150 characters for a long zone name", () => {
    const long = { ...group([notification()], "chat"), zone: `${"a".repeat(200)}.example.com` };
    const m = only<SlackMessage>(createSinkRenderer(config).render(long, context));
    expect(textOf(m.blocks[0]!).length).toBeLessThanOrEqual(SLACK_MAX_HEADER_TEXT);
    expect(textOf(m.blocks[0]!)).toMatch(/…$/);
  });

  it("sends nothing for an empty group and never resends firing alerts", () => {
    expect(render([])).toEqual([]);
    expect(createSinkRenderer(config).resendsFiring).toBe(false);
  });
});
