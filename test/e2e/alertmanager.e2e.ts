import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "../../dev/demo/webhook-receiver.js";
import { mintCertificate } from "../../dev/simulator/mint.js";
import type { Scenario } from "../../dev/simulator/scenario.js";
import { findZone } from "../../dev/simulator/state.js";
import type { AlertmanagerWebhookPayload } from "../../src/sinks/webhook.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { waitFor } from "../helpers/spawn-daemon.js";
import { freePort } from "../helpers/free-port.js";

const ALERTMANAGER = process.env.ALERTMANAGER_BIN ?? "/usr/bin/prometheus-alertmanager";
const ZONE = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";
const scenario: Scenario = {
  zones: [
    {
      id: ZONE,
      name: "e.test",
      hostnameCertificates: [
        { id: "soon", cn: "soon.e.test", daysLeft: 5 },
        { id: "stuck", cn: "stuck.e.test", daysLeft: 300, status: "deployment_timed_out" },
        { id: "fine", cn: "fine.e.test", daysLeft: 300 },
      ],
    },
  ],
};

let alertmanager: ChildProcess;
let amUrl: string;
let receiver: WebhookReceiver;
const harnesses: Harness[] = [];

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  const dir = mkdtempSync(join(tmpdir(), "certwatch-am-"));
  const port = await freePort();
  amUrl = `http://127.0.0.1:${port}`;
  writeFileSync(
    join(dir, "alertmanager.yml"),
    [
      "route:",
      "  receiver: test",
      "  group_by: [zone, alertname, cert_id]",
      "  group_wait: 1s",
      "  group_interval: 1s",
      "  repeat_interval: 1h",
      "receivers:",
      "  - name: test",
      "    webhook_configs:",
      `      - url: ${receiver.url}am`,
      "        send_resolved: true",
    ].join("\n"),
  );
  alertmanager = spawn(
    ALERTMANAGER,
    [`--config.file=${join(dir, "alertmanager.yml")}`, `--storage.path=${join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--cluster.listen-address="],
    { stdio: "ignore" },
  );
  await waitFor(async () => (await request(`${amUrl}/-/ready`)).statusCode === 200, 20_000, "Alertmanager ready");
});

afterAll(async () => {
  for (const h of harnesses) await h.close();
  alertmanager?.kill("SIGTERM");
  await receiver?.close();
});

function received(): Array<{ status: string; key: string }> {
  return receiver.received
    .flatMap((r) => (r.json as AlertmanagerWebhookPayload).alerts)
    .map((a) => ({ status: a.status, key: `${a.labels.alertname}/${a.labels.severity}/${a.labels.cert_id}` }));
}

describe("the alertmanager sink against a real Alertmanager", () => {
  it("pages once through two certwatch replicas, and resolves when the certificate is renewed", async () => {
    const sink = { name: "am", type: "alertmanager" as const, url: amUrl, min_severity: "warning" as const };
    // Two replicas watching the same zone through one Alertmanager (the HA setup).
    for (let i = 0; i < 2; i += 1) {
      harnesses.push(await startHarness(scenario, [{ id: ZONE, name: "e.test", hostnames: [] }], { alerts: { sinks: [sink] } }));
    }
    await Promise.all(harnesses.map((h) => h.daemon.firstCycle));
    await waitFor(async () => received().length >= 2, 30_000, "Alertmanager's webhook");
    await new Promise((r) => setTimeout(r, 2_500));
    expect(received().map((a) => `${a.status}/${a.key}`).sort()).toEqual([
      "firing/CertificateExpiringSoon/critical/soon",
      "firing/CertificateNotActive/critical/stuck",
    ]);

    const renewed = await mintCertificate({ commonName: "soon.e.test", notBefore: new Date(Date.now() - 86_400_000), notAfter: new Date(Date.now() + 365 * 86_400_000) });
    for (const h of harnesses) {
      const item = findZone(h.simulator.state, ZONE)!.hostnameCertificates.find((c) => c.id === "soon")!;
      item.certificate = renewed.pem;
      item.expires_on = renewed.notAfter.toISOString();
      await h.daemon.pollNow();
    }
    await waitFor(async () => received().some((a) => a.status === "resolved"), 30_000, "the resolved notification");
    expect(received().filter((a) => a.status === "resolved").map((a) => a.key)).toEqual(["CertificateExpiringSoon/critical/soon"]);
  });
});
