import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAsJson, checkAsText } from "../../src/check/print-check.js";
import { runCheck } from "../../src/check/run-check.js";
import { parseConfig } from "../../src/config/load.js";
import { createLogger } from "../../src/log/logger.js";
import { buildState, type Scenario } from "../../dev/simulator/scenario.js";
import { startSimulator, type Simulator } from "../../dev/simulator/server.js";
import { LogCapture, TEST_TOKEN } from "../helpers/harness.js";

const ZONE = "f3".repeat(16);
const scenario: Scenario = {
  zones: [{ id: ZONE, name: "muted.test", trustStore: [{ id: "ok", cn: "Fine Root", daysLeft: 400 }], hostnameCertificates: [{ id: "soon", cn: "soon.muted.test", daysLeft: 3 }, { id: "later", cn: "later.muted.test", daysLeft: 20 }] }],
};
let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ state: await buildState(scenario), apiToken: TEST_TOKEN });
});
afterAll(async () => simulator.close());

async function check(silences: string[]) {
  const text = [
    "cloudflare:",
    `  base_url: ${simulator.baseUrl}`,
    "labels: { env: prod }",
    "zones:",
    `  - { id: ${ZONE}, name: muted.test, labels: { team: payments } }`,
    `state_dir: ${mkdtempSync(join(tmpdir(), "certwatch-check-silences-"))}`,
    "alerts:",
    "  silences:",
    ...silences.map((s) => `    - ${s}`),
  ].join("\n");
  const config = parseConfig(text, "check.yaml", { CLOUDFLARE_API_TOKEN: TEST_TOKEN });
  const logs = new LogCapture();
  const result = await runCheck(config, createLogger({ level: "info", format: "json", secrets: [TEST_TOKEN], destination: logs }));
  return { result, logs, config };
}

describe("certwatch check with silences and labels", () => {
  it("prints a silenced alert as SILENCED and leaves it out of the exit code", async () => {
    const { result, config } = await check(['{ matchers: { subject_cn: "soon.*", team: pay* }, until: "2999-01-01T00:00:00Z", comment: "CHG-9 renewal booked" }']);
    expect(result.exitCode).toBe(1);
    const text = checkAsText(result, config.thresholds, Date.now());
    expect(text).toMatch(/^SILENCED CertificateExpiringSoon .*\[silenced until 2999-01-01T00:00:00Z: CHG-9 renewal booked\]$/m);
    expect(text).toMatch(/^WARNING {2}CertificateExpiringSoon /m);
    const json = JSON.parse(checkAsJson(result, config.thresholds, Date.now())) as { exit_code: number; alerts: Array<{ labels: Record<string, string>; silenced: unknown }> };
    expect(json.exit_code).toBe(1);
    expect(json.alerts.map((a) => [a.labels.cert_id, a.silenced])).toEqual(
      expect.arrayContaining([["soon", { until: "2999-01-01T00:00:00Z", comment: "CHG-9 renewal booked" }], ["later", null]]),
    );
    expect(json.alerts.every((a) => a.labels.env === "prod" && a.labels.team === "payments")).toBe(true);
  });

  it("counts every alert again once the silence has expired, and logs that once", async () => {
    const { result, logs } = await check(['{ matchers: { alertname: "*" }, until: "2020-01-01T00:00:00Z", comment: old }']);
    expect(result.exitCode).toBe(2);
    expect(result.alerts.some((a) => a.silenced)).toBe(false);
    expect(logs.entries().filter((e) => String(e.msg).startsWith("silence expired"))).toHaveLength(1);
  });
});
