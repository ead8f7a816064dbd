// `npm run demo`: the built-in Cloudflare simulator and the daemon in one process, so a fresh
// clone shows certwatch working with no account. `--once` prints the table after the first
// cycle and exits (a smoke test).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../../src/config/load.js";
import { secretsOf } from "../../src/config/schema.js";
import { startDaemon } from "../../src/daemon.js";
import { createLogger } from "../../src/log/logger.js";
import { certificateRows, renderTable } from "../../src/report/certificate-table.js";
import { buildState } from "../simulator/scenario.js";
import { demoScenario, demoToken } from "../simulator/demo-scenario.js";
import { startSimulator } from "../simulator/server.js";
import { describeWebhook, startWebhookReceiver } from "./webhook-receiver.js";

const DEMO_TOKEN = "demo-token-not-a-secret";
const DEMO_WEBHOOK_SECRET = "demo-webhook-secret";
const configPath = fileURLToPath(new URL("../../config/demo.yaml", import.meta.url));

async function demo(once: boolean): Promise<void> {
  const state = await buildState(demoScenario());
  state.tokens = { [DEMO_TOKEN]: demoToken() };
  const simulator = await startSimulator({ state, apiToken: DEMO_TOKEN });
  const receiver = await startWebhookReceiver({
    secret: DEMO_WEBHOOK_SECRET,
    onReceive: (request) => {
      const signature = request.signatureValid ? "signature ok" : "BAD SIGNATURE";
      process.stdout.write(`\nwebhook receiver got a notification (${signature}):\n${describeWebhook(request).map((l) => `  ${l}`).join("\n")}\n`);
    },
  });
  const env = {
    ...process.env,
    CERTWATCH_DEMO_TOKEN: DEMO_TOKEN,
    CERTWATCH_DEMO_BASE_URL: simulator.baseUrl,
    CERTWATCH_DEMO_WEBHOOK_URL: `${receiver.url}certwatch`,
    CERTWATCH_DEMO_WEBHOOK_SECRET: DEMO_WEBHOOK_SECRET,
    CERTWATCH_DEMO_LISTEN: process.env.CERTWATCH_DEMO_LISTEN ?? "127.0.0.1:9798",
    // A fresh state directory, so every demo run announces its alerts anew.
    CERTWATCH_DEMO_STATE_DIR: mkdtempSync(join(tmpdir(), "certwatch-demo-")),
  };
  const config = loadConfig(configPath, env);
  const logger = createLogger({ level: once ? "warn" : config.log.level, format: config.log.format, secrets: secretsOf(config) });
  const daemon = await startDaemon(config, { logger });
  await daemon.firstCycle;

  const rows = certificateRows(daemon.inventory.records(), config.thresholds, Date.now(), daemon.alerts.firing());
  const health = daemon.inventory.health();
  const down = health.filter((h) => !h.up);
  process.stdout.write(
    [
      "",
      `certwatch demo: Cloudflare simulator at ${simulator.baseUrl}`,
      `  metrics:   ${daemon.url}/metrics`,
      `  webhooks:  ${receiver.url}certwatch (a local receiver; notifications are printed below as they arrive)`,
      `  readiness: ${daemon.url}/readyz`,
      `  polled ${health.length} sources in ${targets(health, "zone")} zones and ${targets(health, "account")} accounts (${down.length} down); ${rows.length} certificate objects:`,
      "",
      renderTable(rows),
      "",
      once ? "" : "Polling every 30 s. Try: curl -s " + daemon.url + "/metrics | grep '^certwatch_cert_expired'. Ctrl-C stops.",
      "",
    ].join("\n"),
  );

  if (once) {
    // Let the queued notifications reach the receiver before exiting.
    const deadline = Date.now() + 10_000;
    while (config.alerts.sinks.some((s) => daemon.alerts.queueDepth(s.name) > 0) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
  } else {
    await new Promise<void>((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    });
  }
  await daemon.stop();
  await receiver.close();
  await simulator.close();
}

/** How many zones (or accounts) the sources polled belong to. */
function targets(health: ReadonlyArray<{ zoneId: string; scope?: string }>, scope: "zone" | "account"): number {
  return new Set(health.filter((h) => (h.scope ?? "zone") === scope).map((h) => h.zoneId)).size;
}

demo(process.argv.includes("--once")).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
