import type { SinkConfig } from "../config/schema.js";
import { createAlertmanagerRenderer } from "./alertmanager.js";
import { createPagerDutyRenderer } from "./pagerduty.js";
import { createSlackRenderer } from "./slack.js";
import type { SinkRenderer } from "./sink.js";
import { createWebhookRenderer } from "./webhook.js";

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
