// The daemon as a process: signals during startup, and startup failures an operator must be
// able to read in one line.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildState } from "../../../dev/simulator/scenario.js";
import { demoScenario, DEMO_ZONE_IDS } from "../../../dev/simulator/demo-scenario.js";
import { startSimulator, type Simulator } from "../../../dev/simulator/server.js";
import { spawnCertwatch } from "../../helpers/spawn-daemon.js";

const TOKEN = "process-token-3f9a7c21";
const dir = mkdtempSync(join(tmpdir(), "certwatch-process-"));
let simulator: Simulator;
let configs = 0;

/** A valid config; `listen` and `stateDir` vary per test. */
function writeConfig(options: { listen?: string; stateDir?: string } = {}): string {
  const path = join(dir, `config-${++configs}.yaml`);
  writeFileSync(
    path,
    [
      "cloudflare:",
      `  base_url: ${simulator.baseUrl}`,
      "zones:",
      `  - { id: ${DEMO_ZONE_IDS.exampleCom}, name: example.com, hostnames: [app.example.com] }`,
      `server: { listen: '${options.listen ?? "127.0.0.1:0"}' }`,
      "log: { level: info, format: json }",
      `state_dir: ${options.stateDir ?? join(dir, `state-${configs}`)}`,
    ].join("\n"),
  );
  return path;
}

function start(path: string) {
  return spawnCertwatch(["--config", path], { CLOUDFLARE_API_TOKEN: TOKEN });
}

/** stderr as lines, and whether any looks like a stack frame. */
function stderrLines(text: string): { lines: string[]; stack: boolean } {
  const lines = text.split("\n").filter(Boolean);
  return { lines, stack: lines.some((l) => /^\s+at /.test(l)) };
}

beforeAll(async () => {
  simulator = await startSimulator({ state: await buildState(demoScenario()), apiToken: TOKEN });
});
afterAll(async () => simulator.close());

const EMPTY_STATE = JSON.stringify({ version: 1, alerts: { active: {}, statuses: {} }, outbox: [] });

/**
 * A daemon whose startup blocks while it reads its alert state, until the test lets it go:
 * certwatch-state.json is a FIFO, so the read waits for a writer. `blocked` resolves once the
 * daemon has opened it, deep in startup and long after the signal handlers are in place.
 */
async function startBlockedInStartup() {
  const stateDir = mkdtempSync(join(dir, "fifo-state-"));
  const fifo = join(stateDir, "certwatch-state.json");
  execFileSync("mkfifo", [fifo]);
  const daemon = start(writeConfig({ stateDir }));
  // Opening a FIFO for writing waits for its reader.
  const writer = await open(fifo, "w");
  return {
    daemon,
    release: async () => {
      await writer.writeFile(EMPTY_STATE);
      await writer.close();
    },
  };
}

function messagesOf(stdout: string): string[] {
  return stdout
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { msg: string }).msg);
}

describe("signals during startup", () => {
  // Launch of dist/main.js takes a few hundred ms on a busy machine (modules, config, state
  // file, port): these land in different phases of it, and each must end in a clean stop, not
  // the default 143. Before any of certwatch runs, Node boots, which on a machine loaded to the
  // hilt may outlast 300 ms, and no code can catch a signal then: hence the retries.
  describe("at fixed times after launch", { retry: 2 }, () => {
    it.each([300, 800])("SIGTERM %d ms after launch exits 0", async (delayMs) => {
      const daemon = start(writeConfig());
      try {
        await sleep(delayMs);
        daemon.child.kill("SIGTERM");
        expect(await daemon.exited).toBe(0);
        expect(daemon.stderr()).toBe("");
      } finally {
        daemon.child.kill("SIGKILL");
      }
    });
  });

  it("a SIGTERM during startup is remembered: the daemon finishes starting, then stops cleanly", async () => {
    const { daemon, release } = await startBlockedInStartup();
    try {
      daemon.child.kill("SIGTERM");
      await sleep(300);
      expect(daemon.child.exitCode).toBeNull();
      await release();
      expect(await daemon.exited).toBe(0);
      const messages = messagesOf(daemon.stdout());
      expect(messages).toContain("certwatch started");
      expect(messages.indexOf("shutting down")).toBeGreaterThan(messages.indexOf("certwatch started"));
      expect(messages.at(-1)).toBe("certwatch stopped");
      expect(daemon.stderr()).toBe("");
    } finally {
      daemon.child.kill("SIGKILL");
    }
  });

  it("a SIGHUP during startup neither kills it nor is lost: it reloads once started; SIGINT then stops it", async () => {
    const { daemon, release } = await startBlockedInStartup();
    try {
      daemon.child.kill("SIGHUP");
      await sleep(300);
      expect(daemon.child.exitCode).toBeNull();
      await release();
      while (!messagesOf(daemon.stdout()).includes("configuration reloaded") && daemon.child.exitCode === null) await sleep(20);
      daemon.child.kill("SIGINT");
      expect(await daemon.exited).toBe(0);
      const messages = messagesOf(daemon.stdout());
      expect(messages.indexOf("SIGHUP: reloading the configuration")).toBeGreaterThan(messages.indexOf("certwatch started"));
      expect(messages.at(-1)).toBe("certwatch stopped");
    } finally {
      daemon.child.kill("SIGKILL");
    }
  });
});

describe("startup failures: one line naming the setting, exit 1, no stack", () => {
  let busy: Server;
  let busyPort: number;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    busyPort = (busy.address() as { port: number }).port;
  });
  afterAll(async () => new Promise<void>((resolve) => busy.close(() => resolve())));

  it("a listen port in use", async () => {
    const daemon = start(writeConfig({ listen: `127.0.0.1:${busyPort}` }));
    expect(await daemon.exited).toBe(1);
    const { lines, stack } = stderrLines(daemon.stderr());
    expect(lines).toEqual([`certwatch: cannot listen on 127.0.0.1:${busyPort} (server.listen): address already in use`]);
    expect(stack).toBe(false);
  });

  it("a state_dir that cannot be written", async () => {
    // A path through a regular file fails even for root, which ignores permission bits.
    const file = join(dir, "not-a-directory");
    writeFileSync(file, "");
    const daemon = start(writeConfig({ stateDir: join(file, "state") }));
    expect(await daemon.exited).toBe(1);
    const { lines, stack } = stderrLines(daemon.stderr());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^certwatch: cannot (read|write) alert state .*not-a-directory\/state\/certwatch-state\.json \(state_dir\): /);
    expect(stack).toBe(false);
  });

  it("an address this host does not have", async () => {
    // 192.0.2.0/24 is TEST-NET-1: never assigned to a real interface.
    const daemon = start(writeConfig({ listen: "192.0.2.1:9798" }));
    expect(await daemon.exited).toBe(1);
    expect(stderrLines(daemon.stderr()).lines).toEqual(["certwatch: cannot listen on 192.0.2.1:9798 (server.listen): address not available on this host"]);
  });
});
