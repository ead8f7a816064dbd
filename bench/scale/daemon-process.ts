// The bench's handle on the daemon child (daemon-child.mjs): compile src/ once, start the child
// with a Config, ask for its CPU and memory, stop it. Killed outright if it does not stop in
// time, so a run always ends.
import { execFileSync, fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Config } from "../../src/config/schema.js";
import type { FromDaemon, ToDaemon } from "./daemon-messages.js";

const CHILD = fileURLToPath(new URL("./daemon-child.mjs", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * src/ compiled by the project's own build into node_modules/.cache (dist/ is left alone).
 * Type errors do not stop tsc from writing JavaScript, so a tree in the middle of someone's
 * change still runs; they are not this benchmark's business.
 */
export function compileDaemon(reuse = false): string {
  // Inside the project, so the compiled files resolve packages from its node_modules; with the
  // package.json beside dist/, as version.ts reads it from there.
  // node_modules may be shared by several worktrees (a symlink): one build directory per checkout,
  // so two benches run side by side do not compile over each other's daemon.
  const home = join(ROOT, "node_modules/.cache", `certwatch-bench-${basename(ROOT)}`);
  const outDir = join(home, "dist");
  if (reuse && existsSync(join(outDir, "daemon.js"))) return outDir;
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  copyFileSync(join(ROOT, "package.json"), join(home, "package.json"));
  try {
    execFileSync(join(ROOT, "node_modules/.bin/tsc"), ["-p", join(ROOT, "tsconfig.build.json"), "--outDir", outDir], { cwd: ROOT, stdio: "pipe" });
  } catch {
    // Exit code 2 means "emitted with type errors"; a missing daemon.js is checked by the child.
  }
  return outDir;
}

/**
 * The node flags `npm start` runs certwatch with (package.json, "node <flags> dist/main.js"; the
 * image's ENTRYPOINT says the same): the daemon child runs with them, so its memory is that of
 * production.
 */
export function startNodeFlags(): string[] {
  const words = startWords();
  return words[0] === "node" ? words.slice(1).filter((word) => word.startsWith("--")) : [];
}

/** Environment variables `npm start` sets before `node` ("NAME=value node …"), for the daemon child alike. */
export function startEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const word of startWordsWithEnv()) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(word);
    if (!match) break;
    env[match[1]!] = match[2]!;
  }
  return env;
}

function startWordsWithEnv(): string[] {
  const start = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts?: { start?: string } }).scripts?.start ?? "";
  return start.split(/\s+/).filter(Boolean);
}

/** The start script's words from `node` on. */
function startWords(): string[] {
  const words = startWordsWithEnv();
  const node = words.indexOf("node");
  return node < 0 ? [] : words.slice(node);
}

export interface Usage {
  /** User + system CPU since the child started, microseconds. */
  cpuMicros: number;
  rss: number;
  /** RSS that is anonymous memory / pages of mapped files (the node binary), bytes; null unless asked for or off Linux. */
  rssAnon: number | null;
  rssFile: number | null;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

export interface DaemonProcess {
  url: string;
  /** The child's process id (for a heap snapshot signal when profiling). */
  pid: number;
  /** The child's RSS with every module loaded, before the daemon started. */
  rssBeforeStart: number;
  /** Epoch ms when "start" was sent: the daemon's t = 0. */
  startSentAt: number;
  /** Epoch ms when the first sweep finished (daemon.firstCycle). */
  firstSweep: Promise<number>;
  /** The first warnings and errors the daemon logged. */
  logs: string[];
  /** `split`: also the anonymous / file-backed parts of RSS (read from /proc, so not in every sample). */
  usage(split?: boolean): Promise<Usage>;
  /** Runs a sweep now (daemon.pollNow); resolves with the epoch ms it finished. */
  poll(): Promise<number>;
  /** Starts a CPU profile of the daemon, or stops it and writes it to `file` (a .cpuprofile Chrome DevTools opens). */
  profile(start: boolean, file?: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startDaemonProcess(compiled: string, config: Config): Promise<DaemonProcess> {
  // BENCH_DAEMON_NODE_OPTIONS: node flags for the daemon alone (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof");
  // BENCH_DAEMON_DEBUG_MEMORY=1: the child prints process.memoryUsage() when stopped.
  const execArgv = [...startNodeFlags(), ...(process.env.BENCH_DAEMON_NODE_OPTIONS ?? "").split(" ").filter(Boolean)];
  const child = fork(CHILD, [compiled], { execArgv, env: { ...startEnvironment(), ...process.env }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const logs: string[] = [];
  const usageWaiters: Array<(usage: Usage) => void> = [];
  const pollWaiters: Array<(at: number) => void> = [];
  const profileWaiters: Array<() => void> = [];
  let resolveSweep: (at: number) => void = () => {};
  const firstSweep = new Promise<number>((resolve) => (resolveSweep = resolve));
  let started: ((message: { url: string; rssBeforeStart: number }) => void) | undefined;
  let failed: ((error: Error) => void) | undefined;
  child.on("message", (message: FromDaemon) => {
    if (message.type === "started") started?.(message);
    else if (message.type === "first-sweep") resolveSweep(message.at);
    else if (message.type === "usage") usageWaiters.shift()?.(message);
    else if (message.type === "polled") pollWaiters.shift()?.(message.at);
    else if (message.type === "profiled") profileWaiters.shift()?.();
    else if (message.type === "log" && logs.length < 20) logs.push(message.line.slice(0, 400));
    else if (message.type === "failed") failed?.(new Error(`daemon child failed: ${message.message}`));
  });
  const send = (message: ToDaemon) => child.send(message);
  const startSentAt = Date.now();
  const { url, rssBeforeStart } = await new Promise<{ url: string; rssBeforeStart: number }>((resolve, reject) => {
    started = resolve;
    failed = reject;
    child.once("exit", (code) => reject(new Error(`daemon child exited (${code}) before starting: ${logs.join("\n")}`)));
    send({ type: "start", config });
  });
  return {
    url,
    pid: child.pid ?? 0,
    rssBeforeStart,
    startSentAt,
    firstSweep,
    logs,
    usage: (split = false) =>
      new Promise<Usage>((resolve) => {
        usageWaiters.push(resolve);
        send({ type: "usage", split });
      }),
    poll: () =>
      new Promise<number>((resolve) => {
        pollWaiters.push(resolve);
        send({ type: "poll" });
      }),
    profile: (start, file) =>
      new Promise<void>((resolve) => {
        profileWaiters.push(resolve);
        send({ type: "profile", start, file });
      }),
    stop: () => stopChild(child, send),
  };
}

async function stopChild(child: ChildProcess, send: (message: ToDaemon) => void): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
  send({ type: "stop" });
  await exited;
  clearTimeout(kill);
}
