import type { ExpositionFormat } from "../metrics/openmetrics.js";

/**
 * The exposition format a scraper's Accept header prefers: OpenMetrics when it weighs
 * `application/openmetrics-text` (version 1.0.0, or no version) above the text format, as
 * Prometheus does by default; the text format otherwise, and when nothing is said. Equal
 * weights go to whichever the scraper listed first.
 */
export function preferredFormat(accept: string | undefined): ExpositionFormat {
  if (!accept) return "prometheus";
  let best: { format: ExpositionFormat; q: number } = { format: "prometheus", q: 0 };
  for (const entry of accept.split(",")) {
    const [type = "", ...params] = entry.split(";").map((part) => part.trim().toLowerCase());
    const param = (name: string) => params.find((p) => p.startsWith(`${name}=`))?.slice(name.length + 1);
    const q = param("q") === undefined ? 1 : Number(param("q"));
    if (!(q > 0)) continue;
    const version = param("version");
    const format: ExpositionFormat | null =
      type === "application/openmetrics-text" && (version === undefined || version === "1.0.0")
        ? "openmetrics"
        : type === "text/plain" || type === "text/*" || type === "*/*"
          ? "prometheus"
          : null;
    if (format !== null && q > best.q) best = { format, q };
  }
  return best.format;
}
