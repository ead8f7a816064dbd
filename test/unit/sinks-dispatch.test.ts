import { describe, expect, it } from "vitest";
import type { SinkConfig } from "../../src/config/schema.js";
import { createSinkRenderer } from "../../src/sinks/index.js";
import { context, group, notification } from "./sinks-fixtures.js";

const base = { name: "s", min_severity: "warning" } as const;
const configs: SinkConfig[] = [
  { ...base, type: "webhook", url: "https://hook.example.com/", secret: null, headers: {} },
  { ...base, type: "slack", url: "https://hooks.slack.com/services/T/B/x" },
  { ...base, type: "pagerduty", routing_key: "key", url: "https://events.pagerduty.com/v2/enqueue" },
  { ...base, type: "alertmanager", url: "http://am:9093" },
];

describe("createSinkRenderer", () => {
  it("picks the renderer for each sink type; only Alertmanager resends firing alerts", () => {
    const resends = configs.map((c) => [c.type, createSinkRenderer(c).resendsFiring]);
    expect(resends).toEqual([["webhook", false], ["slack", false], ["pagerduty", false], ["alertmanager", true]]);
  });

  it("renders JSON POST bodies without filtering by severity", () => {
    for (const c of configs) {
      const requests = createSinkRenderer({ ...c, min_severity: "critical" }).render(group([notification({ severity: "warning" })]), context);
      expect(requests).toHaveLength(1);
      expect(requests[0]!.headers["content-type"]).toBe("application/json");
      expect(() => JSON.parse(requests[0]!.body)).not.toThrow();
    }
  });

  it("is pure: the same input renders the same requests", () => {
    for (const c of configs) {
      const g = group([notification(), notification({ status: "resolved", hostname: "x.example.com" })]);
      expect(createSinkRenderer(c).render(g, context)).toEqual(createSinkRenderer(c).render(g, context));
    }
  });
});
