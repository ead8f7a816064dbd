import { readdirSync, readFileSync } from "node:fs";
import { Counter, Gauge, type Registry } from "prom-client";

/**
 * The process metrics worth their cost, under prom-client's default names: CPU, memory, file
 * descriptors, start time, Node version. All are read at scrape time and cost microseconds.
 * prom-client's collectDefaultMetrics is not used: its event-loop-lag monitor wakes the
 * process a hundred times a second and its GC observer runs on every collection, which was
 * most of certwatch's idle CPU.
 */
export function registerProcessMetrics(registry: Registry): void {
  const registers = [registry];
  const cpu = (name: string, help: string, read: (usage: NodeJS.CpuUsage) => number) =>
    new Counter({
      name,
      help,
      registers,
      collect() {
        this.reset();
        this.inc(read(process.cpuUsage()) / 1e6);
      },
    });
  cpu("process_cpu_user_seconds_total", "Total user CPU time spent in seconds.", (u) => u.user);
  cpu("process_cpu_system_seconds_total", "Total system CPU time spent in seconds.", (u) => u.system);
  cpu("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", (u) => u.user + u.system);
  new Gauge({ name: "process_start_time_seconds", help: "Start time of the process since unix epoch in seconds.", registers }).set(
    Math.round(Date.now() / 1000 - process.uptime()),
  );
  sampled(registry, "process_resident_memory_bytes", "Resident memory size in bytes.", () => process.memoryUsage.rss());
  sampled(registry, "nodejs_heap_size_total_bytes", "Process heap size from Node.js in bytes.", () => process.memoryUsage().heapTotal);
  sampled(registry, "nodejs_heap_size_used_bytes", "Process heap size used from Node.js in bytes.", () => process.memoryUsage().heapUsed);
  sampled(registry, "nodejs_external_memory_bytes", "Node.js external memory size in bytes.", () => process.memoryUsage().external);
  if (process.platform === "linux") {
    sampled(registry, "process_open_fds", "Number of open file descriptors.", () => readdirSync("/proc/self/fd").length - 1);
    const maxFds = readMaxFds();
    if (maxFds !== null) new Gauge({ name: "process_max_fds", help: "Maximum number of open file descriptors.", registers }).set(maxFds);
  }
  const [major = "", minor = "", patch = ""] = process.versions.node.split(".");
  new Gauge({ name: "nodejs_version_info", help: "Node.js version info.", labelNames: ["version", "major", "minor", "patch"], registers }).set(
    { version: process.version, major, minor, patch },
    1,
  );
}

function sampled(registry: Registry, name: string, help: string, read: () => number): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(read());
    },
  });
}

/** The soft limit of open files; null when /proc does not say. */
function readMaxFds(): number | null {
  try {
    const line = readFileSync("/proc/self/limits", "utf8").split("\n").find((l) => l.startsWith("Max open files"));
    const soft = Number(line?.split(/\s+/)[3]);
    return Number.isFinite(soft) ? soft : null;
  } catch {
    return null;
  }
}
