import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildState } from "../../dev/simulator/scenario.js";
import { demoScenario, DEMO_ZONE_IDS } from "../../dev/simulator/demo-scenario.js";
import { startSimulator, type Simulator } from "../../dev/simulator/server.js";
import { spawnCertwatch, waitFor } from "../helpers/spawn-daemon.js";

const TOKEN = "cli-token-8c1e4b7a2d9f";
const dir = mkdtempSync(join(tmpdir(), "certwatch-cli-"));
let simulator: Simulator;

function writeConfig(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

beforeAll(async () => {
  simulator = await startSimulator({ state: await buildState(demoScenario()), apiToken: TOKEN });
});
afterAll(async () => simulator.close());

describe("certwatch CLI", () => {
  it("prints usage for --help and the version for --version", async () => {
    const help = spawnCertwatch(["--help"]);
    expect(await help.exited).toBe(0);
    expect(help.stdout()).toContain("Usage: certwatch [--config PATH]");
    // The spawned daemon is dist/main.js: it reports the revision the build wrote beside it.
    const { revision } = JSON.parse(readFileSync(new URL("../../dist/build-info.json", import.meta.url), "utf8")) as { revision: string };
    const { version: packageVersion } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    for (const flag of ["--version", "-v"]) {
      const version = spawnCertwatch([flag]);
      expect(await version.exited).toBe(0);
      expect(version.stdout().trim()).toBe(`certwatch ${packageVersion} (revision ${revision}, node ${process.version})`);
    }
  });

  it("prints check's own help for check --help", async () => {
    const help = spawnCertwatch(["check", "--help"]);
    expect(await help.exited).toBe(0);
    expect(help.stdout()).toMatch(/^Usage: certwatch check \[--config PATH\] \[--output table\|json\]\n/);
    expect(help.stdout()).toContain("Exit codes: 0 nothing alerts");
  });

  it("rejects an unknown flag with exit code 2, suggesting the closest one", async () => {
    const run = spawnCertwatch(["--frobnicate"]);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain("certwatch: unknown flag --frobnicate\n");
    const typo = spawnCertwatch(["--confg", "x.yaml"]);
    expect(await typo.exited).toBe(2);
    expect(typo.stderr()).toContain("certwatch: unknown flag --confg: did you mean --config?\n");
  });

  it("init writes the example config, refuses to overwrite it, and the missing-file error points at init", async () => {
    const path = join(dir, "first-run", "certwatch.yaml");
    const missing = spawnCertwatch(["--config", path]);
    expect(await missing.exited).toBe(2);
    expect(missing.stderr()).toBe(`certwatch: config file ${path} not found: create one with "certwatch init --config ${path}" or copy config/certwatch.example.yaml\n`);
    const init = spawnCertwatch(["init", "--config", path]);
    expect(await init.exited).toBe(0);
    expect(init.stdout()).toContain(`wrote ${path}`);
    expect(readFileSync(path, "utf8")).toBe(readFileSync(new URL("../../config/certwatch.example.yaml", import.meta.url), "utf8"));
    const again = spawnCertwatch(["init", "--config", path]);
    expect(await again.exited).toBe(1);
    expect(again.stderr()).toContain(`certwatch: ${path} already exists; not overwriting it`);
  });

  it("refuses a bad config before any request, listing every problem, exit code 2", async () => {
    const path = writeConfig(
      "bad.yaml",
      [
        "cloudflare:",
        `  base_url: ${simulator.baseUrl}`,
        "  timeout_seconds: soon",
        "zones:",
        "  - id: not-a-zone-id",
        "schedule: every five minutes",
        "thresholds: { warning_days: 7, critical_days: 30 }",
        "colour: blue",
      ].join("\n"),
    );
    const run = spawnCertwatch(["--config", path], { CLOUDFLARE_API_TOKEN: TOKEN });
    expect(await run.exited).toBe(2);
    const stderr = run.stderr();
    for (const key of ["cloudflare.timeout_seconds", "zones[0].id", "schedule", "colour", "critical_days"]) {
      expect(stderr).toContain(`${path}: `);
      expect(stderr).toMatch(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: [^\\n]*${key.replace(/[[\].]/g, "\\$&")}`));
    }
    expect(simulator.requests).toHaveLength(0);
  });

  it("names a missing environment variable and a missing file", async () => {
    const path = writeConfig("env.yaml", `cloudflare:\n  api_token: \${CERTWATCH_TEST_UNSET_VAR}\nzones:\n  - id: ${DEMO_ZONE_IDS.exampleCom}\n`);
    const run = spawnCertwatch(["--config", path]);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain("CERTWATCH_TEST_UNSET_VAR");
    const missing = spawnCertwatch([], { CERTWATCH_CONFIG: join(dir, "nope.yaml") });
    expect(await missing.exited).toBe(2);
    expect(missing.stderr()).toContain(join(dir, "nope.yaml"));
  });

  it("runs, serves metrics, keeps the token out of its output and exits 0 on SIGTERM", async () => {
    const path = writeConfig(
      "good.yaml",
      [
        "cloudflare:",
        `  base_url: ${simulator.baseUrl}`,
        "zones:",
        `  - { id: ${DEMO_ZONE_IDS.exampleCom}, name: example.com, hostnames: [app.example.com] }`,
        "server: { listen: '127.0.0.1:19799' }",
        "log: { level: debug, format: json }",
        `state_dir: ${join(dir, "state")}`,
      ].join("\n"),
    );
    const daemon = spawnCertwatch(["--config", path], { CLOUDFLARE_API_TOKEN: TOKEN });
    try {
      await waitFor(async () => (await request("http://127.0.0.1:19799/readyz")).statusCode === 200, 25_000, "/readyz");
      // Ready means serving with state loaded; the first sweep may still be running.
      const scrape = async () => (await request("http://127.0.0.1:19799/metrics")).body.text();
      await waitFor(async () => /^certwatch_poll_cycles_total\{/m.test(await scrape()), 25_000, "the first sweep");
      const metrics = await scrape();
      expect(metrics).toMatch(/^certwatch_cert_not_after_timestamp_seconds\{zone="example.com",/m);
      expect(metrics).toMatch(/^certwatch_poll_cycles_total\{outcome="success"\} 1$/m);
      daemon.child.kill("SIGTERM");
      expect(await daemon.exited).toBe(0);
      const lines = daemon.stdout().trim().split("\n");
      expect(lines.map((l) => JSON.parse(l).msg)).toContain("certwatch stopped");
      expect(daemon.stdout() + daemon.stderr()).not.toContain(TOKEN);
    } finally {
      daemon.child.kill("SIGKILL");
    }
  });
});
