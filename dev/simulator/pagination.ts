// Page-based pagination as Cloudflare's v4 lists do it (docs/cloudflare-api.md §4). A page past the end must be
// an empty result, or the official SDK's auto-pagination never stops.
import type { ResultInfo } from "./envelope.js";

export const PER_PAGE = { min: 5, max: 50, default: 20 } as const;

export type PageRequest = { ok: true; page: number; perPage: number } | { ok: false; message: string };

function parseIntegerParam(raw: string | null, fallback: number): number | undefined {
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

export function parsePageRequest(query: URLSearchParams): PageRequest {
  const page = parseIntegerParam(query.get("page"), 1);
  if (page === undefined || page < 1) return { ok: false, message: "page must be an integer greater than or equal to 1" };
  const perPage = parseIntegerParam(query.get("per_page"), PER_PAGE.default);
  if (perPage === undefined || perPage < PER_PAGE.min || perPage > PER_PAGE.max) {
    return { ok: false, message: `per_page must be an integer between ${PER_PAGE.min} and ${PER_PAGE.max}` };
  }
  return { ok: true, page, perPage };
}

export function paginate<T>(items: readonly T[], page: number, perPage: number): { result: T[]; resultInfo: ResultInfo } {
  const start = (page - 1) * perPage;
  const result = items.slice(start, start + perPage);
  return {
    result,
    resultInfo: {
      page,
      per_page: perPage,
      count: result.length,
      total_count: items.length,
      total_pages: Math.ceil(items.length / perPage),
    },
  };
}
