import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "undici";
import { afterAll, describe, expect, it } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "../../dev/demo/webhook-receiver.js";
import { buildState, type Scenario } from "../../dev/simulator/scenario.js";
import { startSimulator, type Simulator } from "../../dev/simulator/server.js";
import type { AlertmanagerWebhookPayload } from "../../src/sinks/webhook.js";
import { parseExposition, select } from "../helpers/exposition.js";
import { spawnCertwatch, waitFor, type SpawnedDaemon } from "../helpers/spawn-daemon.js";
import { freePort } from "../helpers/free-port.js";

const TOKEN = "restart-token-71c2e9d0";
const SECRET = "restart-secret";
const ZONE = "dddddddddddddddddddddddddddddddd";
const scenario: Scenario = {
  zones: [
    {
      id: ZONE,
      name: "d.test",
      hostnameCertificates: [
        { id: "soon", cn: "soon.d.test", daysLeft: 5 },
        { id: "later", cn: "later.d.test", daysLeft: 20 },
        { id: "stuck", cn: "stuck.d.test", daysLeft: 300, status: "deployment_timed_out" },
      ],
    },
  ],
};

const children: SpawnedDaemon[] = [];
let simulator: Simulator | undefined;
let receiver: WebhookReceiver | undefined;
afterAll(async () => {
  for (const child of children) child.child.kill("SIGKILL");
  await receiver?.close();
  await simulator?.close();
});

describe("a daemon killed with SIGKILL while notifications are queued", () => {
  it("delivers everything after a restart and re-announces nothing", async () => {
    simulator = await startSimulator({ state: await buildState(scenario), apiToken: TOKEN });
    const hookPort = await freePort();
    const metricsPort = await freePort();
    const dir = mkdtempSync(join(tmpdir(), "certwatch-restart-"));
    const stateDir = join(dir, "state");
    const configPath = join(dir, "certwatch.yaml");
    writeFileSync(
      configPath,
      [
        "cloudflare:",
        `  base_url: ${simulator.baseUrl}`,
        "zones:",
        `  - { id: ${ZONE}, name: d.test }`,
        'schedule: "*/2 * * * * *"',
        `server: { listen: "127.0.0.1:${metricsPort}" }`,
        "log: { level: info, format: json }",
        `state_dir: ${stateDir}`,
        "alerts:",
        "  sinks:",
        `    - { name: hook, type: webhook, url: "http://127.0.0.1:${hookPort}/hook", secret: "${SECRET}" }`,
      ].join("\n"),
    );
    const env = { CLOUDFLARE_API_TOKEN: TOKEN };
    const statePath = join(stateDir, "certwatch-state.json");
    const queued = () => {
      try {
        const state = JSON.parse(readFileSync(statePath, "utf8")) as { outbox: Array<{ group: { notifications: unknown[] } }>; alerts: { active: object } };
        return { entries: state.outbox.length, notifications: state.outbox.reduce((n, e) => n + e.group.notifications.length, 0), firing: Object.keys(state.alerts.active).length };
      } catch {
        return { entries: 0, notifications: 0, firing: 0 };
      }
    };

    const first = spawnCertwatch(["--config", configPath], env);
    children.push(first);
    await waitFor(async () => queued().notifications === 3, 20_000, "three queued notifications in the state file");
    expect(queued()).toEqual({ entries: 1, notifications: 3, firing: 3 });
    first.child.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");

    receiver = await startWebhookReceiver({ port: hookPort, secret: SECRET });
    const second = spawnCertwatch(["--config", configPath], env);
    children.push(second);
    await waitFor(async () => receiver!.received.length >= 1, 20_000, "delivery after the restart");
    // Let the restarted daemon run two more cycles: none of them may announce anything again.
    const cycles = async () => {
      const text = await (await request(`http://127.0.0.1:${metricsPort}/metrics`)).body.text();
      return select(parseExposition(text), "certwatch_poll_cycles_total").reduce((n, s) => n + s.value, 0);
    };
    await waitFor(async () => (await cycles()) >= 3, 20_000, "three cycles after the restart");
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);

    const alerts = receiver.received.flatMap((r) => (r.json as AlertmanagerWebhookPayload).alerts);
    expect(receiver.received.every((r) => r.signatureValid === true && r.status === 200)).toBe(true);
    expect(alerts.map((a) => `${a.status}/${a.labels.alertname}/${a.labels.severity}/${a.labels.cert_id}`).sort()).toEqual([
      "firing/CertificateExpiringSoon/critical/soon",
      "firing/CertificateExpiringSoon/warning/later",
      "firing/CertificateNotActive/critical/stuck",
    ]);
    expect(queued()).toEqual({ entries: 0, notifications: 0, firing: 3 });
    const restored = second.stdout().split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>).find((e) => e.msg === "alert state restored");
    expect(restored).toMatchObject({ firing: 3, queued_notifications: 1 });
  });
});
