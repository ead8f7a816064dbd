// The part of undici certwatch uses (Agent, request through an Agent, the error classes), loaded
// from the files that define it rather than from the package's index. The index also loads
// fetch, WebSocket, EventSource, the cache stores, the mock agents, the proxy agents and every
// interceptor at import time: ~8 MB more RSS and ~3 MB more heap for code the daemon never runs.
// The files are the ones the index itself re-exports (undici has no "exports" map, so they are
// public paths); src/http/undici.test.ts checks they are the index's own classes.
import { createRequire } from "node:module";
import type * as Undici from "undici";

const load = createRequire(import.meta.url);

export const Agent = load("undici/lib/dispatcher/agent.js") as typeof Undici.Agent;
export type Agent = Undici.Agent;
export const errors = load("undici/lib/core/errors.js") as typeof Undici.errors;

/** undici's Dispatcher.prototype.request (the index copies it onto the prototype; called on the dispatcher). */
const dispatchRequest = load("undici/lib/api/api-request.js") as (this: Undici.Dispatcher, options: Undici.Dispatcher.RequestOptions) => Promise<Undici.Dispatcher.ResponseData>;
const { parseURL } = load("undici/lib/core/util.js") as { parseURL(url: string | URL): URL };

export type RequestOptions = Omit<Undici.Dispatcher.RequestOptions, "origin" | "path" | "method"> & {
  method: Undici.Dispatcher.HttpMethod;
  dispatcher: Undici.Dispatcher;
};

/**
 * undici's `request(url, { dispatcher, ... })`: the same steps as the index's wrapper for a
 * URL and options without `path` (origin and path taken from the URL, then the dispatcher's
 * request), so the same validation, errors and response.
 */
export function request(url: string | URL, options: RequestOptions): Promise<Undici.Dispatcher.ResponseData> {
  const parsed = parseURL(url);
  return dispatchRequest.call(options.dispatcher, {
    ...options,
    origin: parsed.origin,
    path: parsed.search ? `${parsed.pathname}${parsed.search}` : parsed.pathname,
    method: options.method,
  });
}
