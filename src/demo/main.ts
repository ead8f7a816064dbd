// `npm run demo`: the built-in Cloudflare simulator and the daemon in one process, so a fresh
// clone shows certwatch working with no account. `--once` prints the table after the first
// cycle and exits (a smoke test).
import { fileURLToPath } from "node:url";
import { loadConfig } from "../config/load.js";
import { secretsOf } from "../config/schema.js";
import { startDaemon } from "../daemon.js";
import { createLogger } from "../log/logger.js";
import { certificateRows, renderTable } from "../report/certificate-table.js";
import { buildState, demoScenario } from "../simulator/scenario.js";
import { startSimulator } from "../simulator/server.js";

const DEMO_TOKEN = "demo-token-not-a-secret";
const configPath = fileURLToPath(new URL("../../config/demo.yaml", import.meta.url));

async function demo(once: boolean): Promise<void> {
  const simulator = await startSimulator({ state: await buildState(demoScenario()), apiToken: DEMO_TOKEN });
  const env = { ...process.env, CERTWATCH_DEMO_TOKEN: DEMO_TOKEN, CERTWATCH_DEMO_BASE_URL: simulator.baseUrl };
  const config = loadConfig(configPath, env);
  const logger = createLogger({ level: once ? "warn" : config.log.level, format: config.log.format, secrets: secretsOf(config) });
  const daemon = await startDaemon(config, { logger });
  await daemon.firstCycle;

  const rows = certificateRows(daemon.inventory.records(), config.thresholds, Date.now());
  const health = daemon.inventory.health();
  const down = health.filter((h) => !h.up);
  process.stdout.write(
    [
      "",
      `certwatch demo: Cloudflare simulator at ${simulator.baseUrl}`,
      `  metrics:   ${daemon.url}/metrics`,
      `  readiness: ${daemon.url}/readyz`,
      `  polled ${health.length} sources in ${config.zones.length} zones (${down.length} down); ${rows.length} certificate objects:`,
      "",
      renderTable(rows),
      "",
      once ? "" : "Polling every 30 s. Try: curl -s " + daemon.url + "/metrics | grep '^certwatch_cert_expired'. Ctrl-C stops.",
      "",
    ].join("\n"),
  );

  if (!once) {
    await new Promise<void>((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    });
  }
  await daemon.stop();
  await simulator.close();
}

demo(process.argv.includes("--once")).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
