import type { Registry } from "prom-client";
import { gzipHeadOf, gzipWithTail, type GzipHead } from "../metrics/snapshot/gzip-parts.js";
import { shareInFlight } from "./coalesce.js";

/** Exposition text kept between scrapes (the inventory snapshot), with its compressed form. */
export interface CachedExposition {
  plain(): Promise<readonly Buffer[]>;
  gzipHead(): Promise<GzipHead>;
}

export interface MetricsBody {
  /** Sent one after the other; no part is copied into a scrape-sized buffer. */
  parts: Buffer[];
  gzipped: boolean;
}

const NOTHING_CACHED: CachedExposition = {
  plain: async () => [],
  gzipHead: async () => gzipHeadOf([]),
};

/**
 * The /metrics body: the cached exposition (large, rebuilt when the inventory changes)
 * followed by the registry's metrics (small, rendered per scrape and shared by the scrapes
 * that arrive while it renders). Gzipped, only the registry's part is compressed per scrape;
 * the cached part was compressed once (see gzipWithTail).
 */
export function metricsBody(registry: Registry, cached: CachedExposition = NOTHING_CACHED): (gzipped: boolean) => Promise<MetricsBody> {
  const render = shareInFlight(async () => ({ plain: Buffer.from(await registry.metrics()), gzipped: new WeakMap<GzipHead, Buffer[]>() }));
  return async (gzipped) => {
    if (!gzipped) {
      const [kept, live] = await Promise.all([cached.plain(), render()]);
      return { parts: [...kept, live.plain], gzipped };
    }
    const [head, live] = await Promise.all([cached.gzipHead(), render()]);
    let parts = live.gzipped.get(head);
    if (!parts) live.gzipped.set(head, (parts = gzipWithTail(head, live.plain)));
    return { parts, gzipped };
  };
}

/** Whether an Accept-Encoding header accepts gzip (listed, and not with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(",").some((entry) => {
    const [coding = "", ...params] = entry.split(";").map((s) => s.trim().toLowerCase());
    if (coding !== "gzip" && coding !== "x-gzip") return false;
    const q = params.find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}
