import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import type { SinkConfig } from "../../src/config/schema.js";
import { startDaemon, type Daemon } from "../../src/daemon.js";
import { startWebhookReceiver, type WebhookReceiver } from "../../dev/demo/webhook-receiver.js";
import { BUILT_IN_LABEL_NAMES } from "../../src/labels/built-in-names.js";
import { createLogger } from "../../src/log/logger.js";
import type { Scenario } from "../../dev/simulator/scenario.js";
import { buildState } from "../../dev/simulator/scenario.js";
import { startSimulator, type Simulator } from "../../dev/simulator/server.js";
import type { AlertmanagerWebhookPayload } from "../../src/sinks/webhook.js";
import { parseExposition, valueOf, type Sample } from "../helpers/exposition.js";
import { LogCapture, startHarness, TEST_TOKEN, type Harness } from "../helpers/harness.js";
import { waitFor } from "../helpers/spawn-daemon.js";

const PAY = "a1".repeat(16);
const CORE = "b2".repeat(16);
const scenario: Scenario = {
  zones: [
    {
      id: PAY,
      name: "pay.test",
      trustStore: [{ id: "ca-pay", cn: "Pay Root", daysLeft: 900 }],
      hostnameCertificates: [
        { id: "soon", cn: "soon.pay.test", daysLeft: 5 },
        { id: "later", cn: "later.pay.test", daysLeft: 20 },
      ],
    },
    { id: CORE, name: "core.test", trustStore: [{ id: "ca-core", cn: "Core Root", daysLeft: 900 }], hostnameCertificates: [{ id: "old", cn: "old.core.test", daysLeft: 3 }] },
  ],
};
const zones = [
  { id: PAY, name: "pay.test", hostnames: [], labels: { env: "prod", team: "payments" } },
  { id: CORE, name: "core.test", hostnames: [], labels: { env: "prod", team: "core" } },
];

const hook = (url: string): SinkConfig => ({ name: "hook", type: "webhook", url, secret: null, headers: {}, min_severity: "warning" });
const received = (r: WebhookReceiver) =>
  r.received.flatMap((w) => (w.json as AlertmanagerWebhookPayload).alerts).map((a) => ({ key: `${a.status}/${a.labels.cert_id}`, labels: a.labels }));
const zoneSeries = (samples: Sample[]) => samples.filter((s) => s.labels.zone_id !== undefined);

let h: Harness | undefined;
let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await h?.close();
  await receiver?.close();
  h = receiver = undefined;
});

describe("configured labels and silences, end to end", () => {
  it("labels every zone series and alert, holds back a silenced alert, and sends it once the silence ends", async () => {
    receiver = await startWebhookReceiver({});
    const until = Date.now() + 2_500;
    h = await startHarness(scenario, zones, {
      labels: { env: "prod" },
      alerts: {
        sinks: [hook(receiver.url)],
        silences: [{ matchers: { subject_cn: "soon.*", team: "pay*" }, until: { text: new Date(until).toISOString(), ms: until }, comment: "CHG-42" }],
      },
    });
    await h.daemon.firstCycle;
    await waitFor(async () => received(receiver!).length >= 2, 10_000, "the unsilenced alerts");

    const samples = await h.metrics();
    const series = zoneSeries(samples);
    expect(series.length).toBeGreaterThan(20);
    for (const s of series) expect(s.labels, `${s.name}${JSON.stringify(s.labels)}`).toMatchObject({ env: "prod", team: s.labels.zone_id === PAY ? "payments" : "core" });
    expect(new Set(series.map((s) => s.name))).toEqual(new Set(series.map((s) => s.name)).add("certwatch_cert_info").add("certwatch_source_up").add("certwatch_source_errors_total"));
    // No name on /metrics is missing from the one list configured labels are checked against.
    const names = new Set(samples.flatMap((s) => Object.keys(s.labels)));
    expect([...names].filter((n) => !BUILT_IN_LABEL_NAMES.includes(n) && n !== "env" && n !== "team")).toEqual([]);
    expect(valueOf(samples, "certwatch_silenced_alerts")).toBe(1);

    const sent = received(receiver);
    expect(sent.map((a) => a.key).sort()).toEqual(["firing/later", "firing/old"]);
    expect(sent.find((a) => a.key === "firing/later")?.labels).toMatchObject({ zone: "pay.test", env: "prod", team: "payments" });
    expect(sent.find((a) => a.key === "firing/old")?.labels).toMatchObject({ zone: "core.test", env: "prod", team: "core" });
    const page = await h.get("/");
    expect(page.body).toContain('class="silenced" title="until');
    expect(page.body).toContain("CHG-42");

    await new Promise((resolve) => setTimeout(resolve, until - Date.now() + 50));
    await h.daemon.pollNow();
    await waitFor(async () => received(receiver!).some((a) => a.key === "firing/soon"), 10_000, "the alert once its silence ended");
    expect(received(receiver).find((a) => a.key === "firing/soon")?.labels).toMatchObject({ alertname: "CertificateExpiringSoon", env: "prod", team: "payments" });
    expect(valueOf(await h.metrics(), "certwatch_silenced_alerts")).toBe(0);
    expect(h.logs.entries().filter((e) => String(e.msg).startsWith("silence expired"))).toHaveLength(1);
  });
});

describe("a reload", () => {
  const dir = mkdtempSync(join(tmpdir(), "certwatch-labels-"));
  const file = join(dir, "certwatch.yaml");
  let simulator: Simulator | undefined;
  let daemon: Daemon | undefined;
  afterEach(async () => {
    await daemon?.stop(1_000);
    await simulator?.close();
    daemon = simulator = undefined;
  });

  const configText = (url: string, extra: string[]) =>
    [
      "cloudflare:",
      `  base_url: ${simulator!.baseUrl}`,
      "zones:",
      `  - { id: ${PAY}, labels: { team: payments } }`,
      `  - { id: ${CORE} }`,
      'schedule: "0 0 1 1 *"',
      'server: { listen: "127.0.0.1:0" }',
      `state_dir: ${join(dir, "state")}`,
      "alerts:",
      `  sinks: [{ name: hook, type: webhook, url: "${url}" }]`,
      ...extra,
    ].join("\n");

  it("applies new labels to /metrics and alerts, and lifts a removed silence", async () => {
    simulator = await startSimulator({ state: await buildState(scenario), apiToken: TEST_TOKEN });
    receiver = await startWebhookReceiver({});
    const env = { CLOUDFLARE_API_TOKEN: TEST_TOKEN };
    writeFileSync(file, configText(receiver.url, ["  silences:", '    - { matchers: { alertname: "*" }, until: "2999-01-01T00:00:00Z", comment: everything }', "labels: { env: staging }"]));
    daemon = await startDaemon(loadConfig(file, env), { logger: createLogger({ level: "info", format: "json", secrets: [TEST_TOKEN], destination: new LogCapture() }), env });
    await daemon.firstCycle;
    const metrics = async () => parseExposition(await (await fetch(`${daemon!.url}/metrics`)).text());
    expect(valueOf(await metrics(), "certwatch_source_up", { zone_id: CORE, source: "trust_store" })).toBe(1);
    expect(zoneSeries(await metrics()).every((s) => s.labels.env === "staging")).toBe(true);
    expect(valueOf(await metrics(), "certwatch_silenced_alerts")).toBe(3);

    writeFileSync(file, configText(receiver.url, ["labels: { env: prod, region: eu }"]));
    expect((await daemon.reload()).ok).toBe(true);
    const after = zoneSeries(await metrics());
    expect(after.every((s) => s.labels.env === "prod" && s.labels.region === "eu")).toBe(true);
    expect(after.filter((s) => s.labels.zone_id === PAY).every((s) => s.labels.team === "payments")).toBe(true);
    expect(after.filter((s) => s.labels.zone_id === CORE).every((s) => s.labels.team === undefined)).toBe(true);

    await daemon.pollNow();
    await waitFor(async () => received(receiver!).length >= 3, 10_000, "the alerts once unsilenced");
    const sent = received(receiver);
    expect(sent.map((a) => a.key).sort()).toEqual(["firing/later", "firing/old", "firing/soon"]);
    expect(sent.every((a) => a.labels.env === "prod" && a.labels.region === "eu")).toBe(true);
    expect(valueOf(await metrics(), "certwatch_silenced_alerts")).toBe(0);
  });
});
