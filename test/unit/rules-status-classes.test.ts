// The shipped Prometheus rules cannot call classifyStatus, so they spell the status classes out
// as regexes. This holds them to the one classification (src/stores/status-class.ts): a store
// that documents a new gone or failed status fails here until the rules say so too.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { classifyStatus, STATUS_CLASSES } from "../../src/stores/status-class.js";

const RULES = readFileSync(new URL("../../config/prometheus/certwatch-rules.yml", import.meta.url), "utf8");

/** Every distinct `certwatch_cert_status{status=~"…"}` / `status!~"…"` regex in the rules. */
function statusRegexes(operator: "=~" | "!~"): string[] {
  const pattern = new RegExp(`certwatch_cert_status\\{status${operator}"([^"]+)"\\}`, "g");
  return [...new Set([...RULES.matchAll(pattern)].map((m) => m[1]!))];
}

/** Prometheus anchors its regexes. */
const matches = (regex: string, value: string) => new RegExp(`^(?:${regex})$`).test(value);

const gone = statusRegexes("=~").filter((r) => !r.includes("expired"));
const failed = statusRegexes("=~").filter((r) => r.includes("expired") && !r.includes("deleted"));
const failedOrGone = statusRegexes("=~").filter((r) => r.includes("expired") && r.includes("deleted"));
const notTransitional = statusRegexes("!~");
const statuses = [...STATUS_CLASSES.keys(), "a_status_nobody_documents", "something_timed_out"];

describe("the Prometheus rules' status regexes", () => {
  it("are the ones this test knows how to read", () => {
    expect(gone).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failedOrGone).toHaveLength(1);
    expect(notTransitional).toHaveLength(1);
  });

  it.each(statuses)("class %s as classifyStatus does", (status) => {
    const statusClass = classifyStatus(status);
    expect(matches(gone[0]!, status), "gone").toBe(statusClass === "gone");
    expect(matches(failed[0]!, status), "failed").toBe(statusClass === "failed");
    expect(matches(failedOrGone[0]!, status), "failed or gone").toBe(statusClass === "failed" || statusClass === "gone");
    expect(!matches(notTransitional[0]!, status), "transitional").toBe(statusClass === "transitional");
  });
});
