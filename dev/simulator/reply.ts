// The status + envelope pairs every route handler answers with, and the page-based list answer
// shared by every paged route.
import { couldNotRoute, ERROR_CODES, failureEnvelope, successEnvelope, type FailureEnvelope, type SuccessEnvelope } from "./envelope.js";
import { paginate, parsePageRequest } from "./pagination.js";

export interface JsonReply {
  status: number;
  body: SuccessEnvelope<unknown> | FailureEnvelope;
}

export function ok(result: unknown): JsonReply {
  return { status: 200, body: successEnvelope(result) };
}

/** Cloudflare's 404 for an unknown zone or an id that names nothing. */
export function notFound(path: string): JsonReply {
  return { status: 404, body: couldNotRoute(path) };
}

export function forbidden(body: FailureEnvelope): JsonReply {
  return { status: 403, body };
}

export function badRequest(message: string): JsonReply {
  return { status: 400, body: failureEnvelope(ERROR_CODES.badRequest, `Invalid request: ${message}`) };
}

/** One page of `items` as `page`/`per_page` ask (400 when they are invalid), each item copied so the answer cannot alias the state. */
export function pagedList<T extends object>(items: readonly T[], query: URLSearchParams): JsonReply {
  const request = parsePageRequest(query);
  if (!request.ok) return badRequest(request.message);
  const { result, resultInfo } = paginate(items, request.page, request.perPage);
  return { status: 200, body: successEnvelope(result.map((item) => structuredClone(item)), resultInfo) };
}

export function byId<T extends { id: string }>(items: readonly T[], id: string): T | undefined {
  return items.find((item) => item.id === id);
}

/** A found item (deep-copied) or the 404 for its path. */
export function itemOrNotFound(item: object | undefined, path: string): JsonReply {
  return item ? ok(structuredClone(item)) : notFound(path);
}
