import { describe, expect, it } from "vitest";
import type { Notification } from "../../src/alerts/alert.js";
import type { AlertmanagerSinkConfig, PostableAlert } from "../../src/sinks/alertmanager.js";
import { createSinkRenderer } from "../../src/sinks/index.js";
import { context, group, GROUP_ID, NOW, notification, only, RESOLVED_AT, STARTED } from "./sinks-fixtures.js";

const config: AlertmanagerSinkConfig = { type: "alertmanager", name: "am", min_severity: "warning", url: "http://alertmanager:9093" };
const renderer = (url = config.url) => createSinkRenderer({ ...config, url });
const render = (notifications: Notification[]) => renderer().render(group(notifications, "am"), context);

describe("alertmanager sink (API v2 POST /api/v2/alerts)", () => {
  it("posts one JSON array per group to /api/v2/alerts", () => {
    const requests = render([notification(), notification({ hostname: "api.example.com", status: "resolved" })]);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe("http://alertmanager:9093/api/v2/alerts");
    expect(requests[0]!.headers).toEqual({ "content-type": "application/json" });
    const alerts = only<PostableAlert[]>(requests);
    expect(Array.isArray(alerts)).toBe(true);
    expect(alerts).toHaveLength(2);
    for (const alert of alerts) expect(Object.keys(alert)).toEqual(["labels", "annotations", "startsAt", "endsAt", "generatorURL"]);
  });

  it("joins the path onto a base URL with a trailing slash or a path prefix", () => {
    const n = [notification()];
    expect(renderer("http://alertmanager:9093/").render(group(n), context)[0]!.url).toBe("http://alertmanager:9093/api/v2/alerts");
    expect(renderer("https://mon.example.com/am/").render(group(n), context)[0]!.url).toBe("https://mon.example.com/am/api/v2/alerts");
  });

  it("sends a firing alert with endsAt = now + firingTimeoutMs", () => {
    const [alert] = only<PostableAlert[]>(render([notification()]));
    const n = notification();
    expect(alert).toEqual({
      labels: { ...n.alert.labels },
      // The request's id: Alertmanager's alert has no other place for it.
      annotations: { ...n.alert.annotations, notification_id: GROUP_ID },
      startsAt: new Date(STARTED).toISOString(),
      endsAt: new Date(NOW + context.firingTimeoutMs).toISOString(),
      generatorURL: context.externalUrl,
    });
  });

  it("sends a resolved alert with endsAt = the time it resolved", () => {
    const [alert] = only<PostableAlert[]>(render([notification({ status: "resolved" })]));
    expect(alert!.endsAt).toBe(new Date(RESOLVED_AT).toISOString());
    expect(Date.parse(alert!.endsAt)).toBeLessThanOrEqual(NOW);
  });

  it("expects every firing alert again each cycle, and sends nothing for an empty group", () => {
    expect(renderer().resendsFiring).toBe(true);
    expect(render([])).toEqual([]);
  });
});
