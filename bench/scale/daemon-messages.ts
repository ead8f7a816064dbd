import type { Config } from "../../src/config/schema.js";

/** What the bench sends to the daemon child (daemon-child.mjs) over IPC. */
export type ToDaemon = { type: "start"; config: Config } | { type: "usage"; split?: boolean } | { type: "poll" } | { type: "profile"; start: boolean; file?: string } | { type: "stop" };

/** What the daemon child answers. */
export type FromDaemon =
  | { type: "started"; url: string; at: number; rssBeforeStart: number }
  | { type: "first-sweep"; at: number }
  | { type: "usage"; cpuMicros: number; rss: number; rssAnon: number | null; rssFile: number | null; heapUsed: number; heapTotal: number; external: number }
  | { type: "polled"; at: number }
  | { type: "profiled" }
  | { type: "log"; line: string }
  | { type: "stopped" }
  | { type: "failed"; message: string };
