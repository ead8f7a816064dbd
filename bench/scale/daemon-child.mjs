// The daemon alone in its own process, run by plain node on a compiled copy of src/ (the bench
// builds it with tsc into a temporary directory, given here as argv[2]): its memory and CPU are
// then those of `node dist/main.js`, not of a tsx loader, and exclude the simulator, the webhook
// receiver and the scraper, which run in the bench process. Driven over IPC; the messages are
// typed in daemon-messages.ts.
import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const dist = process.argv[2];
if (!dist) throw new Error("usage: daemon-child.mjs <compiled src directory>");
const { startDaemon } = await import(pathToFileURL(join(dist, "daemon.js")).href);
const { createLogger } = await import(pathToFileURL(join(dist, "log/logger.js")).href);

const send = (message) => process.send?.(message);

/** Warnings and errors go to the bench, which prints the first few: a failing case should say why. */
const logs = new Writable({
  write(chunk, _encoding, done) {
    for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) send({ type: "log", line });
    done();
  },
});

let daemon;
let profiler;

process.on("message", (message) => {
  handle(message).catch((error) => send({ type: "failed", message: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
});

async function handle(message) {
  switch (message.type) {
    case "start": {
      // Node and every module loaded, no daemon yet: what the daemon's figures sit on.
      const rssBeforeStart = process.memoryUsage().rss;
      const logger = createLogger({ level: "warn", format: "json", secrets: [], destination: logs });
      daemon = await startDaemon(message.config, { logger });
      send({ type: "started", url: daemon.url, at: Date.now(), rssBeforeStart });
      await daemon.firstCycle;
      send({ type: "first-sweep", at: Date.now() });
      return;
    }
    case "usage": {
      const cpu = process.cpuUsage();
      const memory = process.memoryUsage();
      // Read only when asked (/proc costs CPU, and most samples fall inside a CPU measurement).
      const { anon, file } = message.split ? rssSplit() : { anon: null, file: null };
      return send({ type: "usage", cpuMicros: cpu.user + cpu.system, rss: memory.rss, rssAnon: anon, rssFile: file, heapUsed: memory.heapUsed, heapTotal: memory.heapTotal, external: memory.external });
    }
    case "poll":
      // A sweep now, as a tick would run it (the bench's schedule never fires while it measures).
      await daemon.pollNow();
      return send({ type: "polled", at: Date.now() });
    case "profile":
      // A CPU profile of one phase alone (the bench's BENCH_PROFILE_SCRAPES), not of start and sweep.
      if (message.start) {
        profiler = new Session();
        profiler.connect();
        await profiler.post("Profiler.enable");
        await profiler.post("Profiler.start");
      } else if (profiler) {
        const { profile } = await profiler.post("Profiler.stop");
        writeFileSync(message.file, JSON.stringify(profile));
        profiler.disconnect();
        profiler = undefined;
      }
      return send({ type: "profiled" });
    case "stop":
      if (process.env.BENCH_DAEMON_DEBUG_MEMORY) console.error("daemon memory at stop", process.memoryUsage());
      await daemon?.stop(2_000);
      send({ type: "stopped" });
      // Whatever the daemon left behind (a pending delivery retry) must not keep the child alive.
      setImmediate(() => process.exit(0));
      return;
  }
}

/**
 * RSS split as Linux counts it (/proc/self/status): anonymous (the JS heap, malloc, buffers) and
 * file-backed (pages of the node binary and its libraries: code that ran, ICU data that was read;
 * shared with every node process and dropped first under memory pressure). Null elsewhere.
 */
function rssSplit() {
  try {
    const status = readFileSync("/proc/self/status", "utf8");
    const kb = (name) => {
      const match = new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status);
      return match ? Number(match[1]) * 1024 : null;
    };
    return { anon: kb("RssAnon"), file: kb("RssFile") };
  } catch {
    return { anon: null, file: null };
  }
}
