import type { Registry } from "prom-client";
import { OPENMETRICS_EOF, toOpenMetrics, type ExpositionFormat } from "../metrics/openmetrics.js";
import { gzipHeadOf, gzipWithTail, type GzipHead } from "../metrics/snapshot/gzip-parts.js";
import { shareInFlight } from "../async/coalesce.js";

/** Exposition text kept between scrapes (the inventory snapshot), with its compressed form, in either format. */
export interface CachedExposition {
  plain(format?: ExpositionFormat): Promise<readonly Buffer[]>;
  gzipHead(format?: ExpositionFormat): Promise<GzipHead>;
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

/** One render of the registry, with what each format and encoding made of it. */
interface LiveRender {
  /** The render in a format, made when first asked for: most scrapes want one format only. */
  text(format: ExpositionFormat): Buffer;
  gzipped: Record<ExpositionFormat, WeakMap<GzipHead, Buffer[]>>;
}

/**
 * The /metrics body: the cached exposition (large, rebuilt when the inventory changes)
 * followed by the registry's metrics (small, rendered per scrape and shared by the scrapes
 * that arrive while it renders). Gzipped, only the registry's part is compressed per scrape;
 * the cached part was compressed once (see gzipWithTail). In OpenMetrics the registry's text
 * is converted (it is small) and `# EOF` ends it, so the tail is the only part that differs.
 */
export function metricsBody(registry: Registry, cached: CachedExposition = NOTHING_CACHED): (gzipped: boolean, format?: ExpositionFormat) => Promise<MetricsBody> {
  const render = shareInFlight(async (): Promise<LiveRender> => {
    const text = await registry.metrics();
    const made: Partial<Record<ExpositionFormat, Buffer>> = {};
    return {
      text: (format) =>
        (made[format] ??= format === "prometheus" ? Buffer.from(text) : Buffer.concat([Buffer.from(toOpenMetrics(text)), OPENMETRICS_EOF])),
      gzipped: { prometheus: new WeakMap(), openmetrics: new WeakMap() },
    };
  });
  return async (gzipped, format = "prometheus") => {
    if (!gzipped) {
      const [kept, live] = await Promise.all([cached.plain(format), render()]);
      return { parts: [...kept, live.text(format)], gzipped };
    }
    const [head, live] = await Promise.all([cached.gzipHead(format), render()]);
    let parts = live.gzipped[format].get(head);
    if (!parts) live.gzipped[format].set(head, (parts = gzipWithTail(head, live.text(format))));
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
