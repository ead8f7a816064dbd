import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildState, type Scenario } from "../../dev/simulator/scenario.js";
import { demoScenario, DEMO_ZONE_IDS } from "../../dev/simulator/demo-scenario.js";
import { bulkCustomHostnames } from "../../src/stores/custom-hostname/scenario.sim.js";
import { DEFAULT_ZONE_SOURCE_NAMES } from "../../src/stores/registry.js";
import { freePort } from "../helpers/free-port.js";
import { startSimulator, type Simulator } from "../../dev/simulator/server.js";
import { spawnCertwatch } from "../helpers/spawn-daemon.js";

const TOKEN = "check-token-9e2b7d41";
const dir = mkdtempSync(join(tmpdir(), "certwatch-check-"));
const HEALTHY = "f0".repeat(16);
const WARNING = "f1".repeat(16);
const healthyAndWarning: Scenario = {
  zones: [
    { id: HEALTHY, name: "healthy.test", trustStore: [{ id: "ok", cn: "Fine Root", daysLeft: 400 }] },
    { id: WARNING, name: "warning.test", trustStore: [{ id: "later", cn: "Later Root", daysLeft: 20 }] },
  ],
};
const BULK = "f2".repeat(16);
/** Enough certificates that either output format is several times a pipe's 64 KiB buffer. */
const bulk: Scenario = { zones: [{ id: BULK, name: "bulk.test", customHostnames: bulkCustomHostnames(1500, { domain: "bulk.test" }) }] };
let demo: Simulator;
let small: Simulator;
let large: Simulator;

function config(name: string, sim: Pick<Simulator, "baseUrl">, zones: string[], extra: string[] = []): string {
  const path = join(dir, name);
  writeFileSync(path, ["cloudflare:", `  base_url: ${sim.baseUrl}`, "zones:", ...zones.map((z) => `  - ${z}`), `state_dir: ${join(dir, "state")}`, ...extra].join("\n"));
  return path;
}

/** Zone discovery on, no configured zone, no retries (a failure is final at once). */
function discoveryConfig(name: string, sim: Pick<Simulator, "baseUrl">): string {
  const path = join(dir, name);
  writeFileSync(path, ["cloudflare:", `  base_url: ${sim.baseUrl}`, "  max_retries: 0", "discover: { enabled: true }", `state_dir: ${join(dir, "state")}`].join("\n"));
  return path;
}

async function check(args: string[]) {
  const run = spawnCertwatch(["check", ...args], { CLOUDFLARE_API_TOKEN: TOKEN });
  return { code: await run.exited, stdout: run.stdout(), stderr: run.stderr() };
}

beforeAll(async () => {
  demo = await startSimulator({ state: await buildState(demoScenario()), apiToken: TOKEN });
  small = await startSimulator({ state: await buildState(healthyAndWarning), apiToken: TOKEN });
  large = await startSimulator({ state: await buildState(bulk), apiToken: TOKEN });
});
afterAll(async () => {
  await demo.close();
  await small.close();
  await large.close();
});

describe("certwatch check", () => {
  it("prints the table soonest first and exits 2 when critical alerts fire", async () => {
    const file = config("demo.yaml", demo, [`{ id: ${DEMO_ZONE_IDS.exampleCom}, name: example.com, hostnames: [app.example.com] }`]);
    const { code, stdout } = await check(["--config", file]);
    expect(code).toBe(2);
    const lines = stdout.split("\n");
    expect(lines[0]).toMatch(/^ZONE\s+SOURCE\s+NAME\s+STATUS\s+EXPIRES \(UTC\)\s+DAYS LEFT\s+SEVERITY\s+NOTE$/);
    expect(lines[1]).toMatch(/^example\.com\s+custom_certificate\s+legacy-sni\.example\.com\s+expired\s+\S+ \S+\s+-5\.0\s+critical/);
    const days = lines.slice(1).map((l) => /\s(-?\d+\.\d)\s+(critical|warning|ok)\s/.exec(l)?.[1]).filter((d) => d !== undefined).map(Number);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    expect(stdout).toContain("CRITICAL CertificateExpired");
    expect(stdout.trim().split("\n").at(-1)).toBe("CRITICAL: critical alerts (exit 2)");
  });

  it("prints the same as JSON with --output json", async () => {
    const file = config("demo-json.yaml", demo, [`{ id: ${DEMO_ZONE_IDS.exampleCom}, name: example.com }`]);
    const { code, stdout } = await check(["--config", file, "--output", "json"]);
    expect(code).toBe(2);
    const json = JSON.parse(stdout) as { exit_code: number; certificates: Array<{ severity: string; daysLeft: string }>; alerts: unknown[]; sources: unknown[] };
    expect(json.exit_code).toBe(2);
    expect(json.certificates[0]).toMatchObject({ severity: "critical", daysLeft: "-5.0" });
    expect(json.alerts.length).toBeGreaterThan(5);
    // One per default zone store but aop_hostname (the zone names no hostname).
    expect(json.sources).toHaveLength(DEFAULT_ZONE_SOURCE_NAMES.length - 1);
  });

  it("exits 0 when nothing alerts and 1 with warnings only", async () => {
    const only = "sources: [trust_store]";
    expect((await check(["--config", config("healthy.yaml", small, [`{ id: ${HEALTHY}, ${only} }`])])).code).toBe(0);
    const warn = await check(["--config", config("warning.yaml", small, [`{ id: ${HEALTHY}, ${only} }`, `{ id: ${WARNING}, ${only} }`])]);
    expect(warn.code).toBe(1);
    expect(warn.stdout.trim().split("\n").at(-1)).toBe("WARNING: warning alerts (exit 1)");
  });

  it("verifies the API token: the table names it, the JSON carries it, and a token about to expire counts", async () => {
    const state = await buildState(healthyAndWarning);
    const expiresOn = new Date(Date.now() + 3 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    state.tokens = { [TOKEN]: { id: "c4ec0000000000000000000000000001", expiresOn } };
    const sim = await startSimulator({ state, apiToken: TOKEN });
    try {
      const file = config("token.yaml", sim, [`{ id: ${HEALTHY}, sources: [trust_store] }`]);
      const table = await check(["--config", file]);
      expect(table.code).toBe(2);
      expect(table.stdout).toContain(`API token (credential default): active, expires ${expiresOn.slice(0, 16).replace("T", " ")} UTC`);
      expect(table.stdout).toMatch(/CRITICAL ApiTokenExpiringSoon\s+certwatch's API token for credential "default" expires in 3\.0 days/);
      const json = await check(["--config", file, "--output", "json"]);
      expect(JSON.parse(json.stdout)).toMatchObject({
        exit_code: 2,
        api_tokens: { default: { status: "active", expires_on: new Date(expiresOn).toISOString(), token_id: "c4ec0000000000000000000000000001", error: null } },
      });
    } finally {
      await sim.close();
    }
  });

  it("exits 3 when a source could not be read", async () => {
    small.injectFault({ template: "/zones/:zone_id/acm/custom_trust_store", status: 500, times: Infinity });
    try {
      const { code, stdout } = await check(["--config", config("failing.yaml", small, [`{ id: ${HEALTHY}, sources: [trust_store] }`])]);
      expect(code).toBe(3);
      expect(stdout).toContain("source trust_store of ");
      expect(stdout).toContain("FAILED: http_5xx");
    } finally {
      small.clearFaults();
    }
  });

  it("exits 4 on a bad configuration, naming the problem", async () => {
    const path = join(dir, "bad.yaml");
    writeFileSync(path, "zones:\n  - id: nope\n");
    const { code, stderr } = await check(["--config", path]);
    expect(code).toBe(4);
    expect(stderr).toContain(`${path}: zones[0].id: expected 32 lowercase hex characters, found "nope"`);
  });

  // The child's stdout is a pipe (spawn's stdio "pipe"), as in `certwatch check | jq`.
  it("delivers JSON and table output whole through a pipe, far beyond 64 KiB", async () => {
    const file = config("bulk.yaml", large, [`{ id: ${BULK}, name: bulk.test, sources: [custom_hostname] }`]);
    const json = await check(["--config", file, "--output", "json"]);
    expect(json.stdout.length).toBeGreaterThan(200_000);
    const parsed = JSON.parse(json.stdout) as { exit_code: number; certificates: unknown[] };
    expect(parsed.certificates).toHaveLength(1500);
    expect(json.code).toBe(parsed.exit_code);

    const table = await check(["--config", file]);
    expect(table.stdout.length).toBeGreaterThan(150_000);
    expect(table.stdout.split("\n").filter((l) => l.startsWith("bulk.test "))).toHaveLength(1500);
    expect(table.stdout.trim().split("\n").at(-1)).toMatch(/\(exit \d\)$/);
  });

  describe("with zone discovery on, a failed GET /zones is a source that could not be read (exit 3)", () => {
    const expectDiscoveryFailure = async (file: string, reason: string) => {
      const table = await check(["--config", file]);
      expect(table.code).toBe(3);
      expect(table.stdout).toContain(`zone discovery (GET /zones): FAILED: ${reason}`);
      expect(table.stdout.trim().split("\n").at(-1)).toBe("UNKNOWN: a source could not be read (exit 3)");
      const json = await check(["--config", file, "--output", "json"]);
      expect(json.code).toBe(3);
      expect(JSON.parse(json.stdout)).toMatchObject({ exit_code: 3, discovery: { up: false, error: { reason } } });
    };

    it("answered 5xx", async () => {
      small.injectFault({ template: "/zones", status: 503, times: Infinity });
      try {
        await expectDiscoveryFailure(discoveryConfig("discover-5xx.yaml", small), "http_5xx");
      } finally {
        small.clearFaults();
      }
    });

    it("answered success: false", async () => {
      small.injectFault({ template: "/zones", body: "success_false", times: Infinity });
      try {
        await expectDiscoveryFailure(discoveryConfig("discover-false.yaml", small), "api_error");
      } finally {
        small.clearFaults();
      }
    });

    it("refused the connection", async () => {
      const closed = { baseUrl: `http://127.0.0.1:${await freePort()}/client/v4` };
      await expectDiscoveryFailure(discoveryConfig("discover-refused.yaml", closed), "network");
    });

    it("reports discovery as up when the listing works", async () => {
      const { code, stdout } = await check(["--config", discoveryConfig("discover-ok.yaml", small), "--output", "json"]);
      expect(JSON.parse(stdout)).toMatchObject({ discovery: { up: true, error: null } });
      expect(code).not.toBe(3);
    });
  });
});
