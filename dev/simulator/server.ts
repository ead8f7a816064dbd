// A real HTTP Cloudflare API v4 (the certificate endpoints certwatch polls) on node:http, so
// the daemon is tested through its actual HTTP client, retries and timeouts included.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { AUTHENTICATION_ERROR, couldNotRoute, ERROR_CODES, failureEnvelope } from "./envelope.js";
import { FaultBook, faultReply, type Fault } from "./faults.js";
import { rateLimitHeaders, RateLimitWindow } from "./rate-limit-headers.js";
import { answerRoute } from "./route-handlers.js";
import { matchRoute, withQueryZone, type RouteMatch } from "./routes.js";
import { answerTokenVerify, isTokenRoute } from "./token-verify.js";
import type { SimState } from "./state.js";

export const API_BASE_PATH = "/client/v4";

export interface SimulatorOptions {
  state: SimState;
  /** Default "127.0.0.1". */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Accepted as `Authorization: Bearer <apiToken>`; default "sim-token". */
  apiToken?: string;
  /** With apiEmail, accepted as X-Auth-Key + X-Auth-Email; key auth is refused when unset. */
  apiKey?: string;
  apiEmail?: string;
  /**
   * More bearer tokens, each for its own zones (several Cloudflare users): `GET /zones` lists
   * only those, and another zone's routes answer 403 with the authentication error.
   */
  scopedTokens?: Array<{ token: string; zoneIds: string[] }>;
  /** Requests per 5 minutes the Ratelimit headers count down from; default Cloudflare's 1,200. */
  rateLimitQuota?: number;
  /** What `requests[].at` reads; Date.now by default. Tests share a fake clock with the client. */
  now?: () => number;
}

export interface LoggedRequest {
  method: string;
  /** Relative to the API base ("/zones/…") when under it, else the raw pathname. */
  path: string;
  /** The matched route template, or null for an unknown route. */
  template: string | null;
  query: Record<string, string>;
  /** The status sent; 0 while the answer is still pending (e.g. delayed by a fault). */
  status: number;
  zoneId?: string;
  /** The account of an account route (`/accounts/:account_id/…`). */
  accountId?: string;
  /** Epoch ms when the request arrived. */
  at: number;
  /** The bearer token it carried, if any: which credential asked. */
  token?: string;
}

export interface Simulator {
  /** e.g. "http://127.0.0.1:41234/client/v4" */
  baseUrl: string;
  /** Live: mutations show up in the next answer. */
  state: SimState;
  requests: LoggedRequest[];
  /** `zoneId` matches a request's zone, or its account on an account route. */
  requestCount(template?: string, zoneId?: string): number;
  injectFault(fault: Fault): void;
  clearFaults(): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  text: string | Uint8Array;
  headers: Record<string, string>;
  /** Send only this many bytes of `text`, then destroy the socket (a `resetAfterBytes` fault). */
  resetAfterBytes?: number;
}

function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, text: JSON.stringify(body), headers };
}

/** The zones a request's credentials may see: all of them, a token's own, or none (refused). */
function zoneScope(headers: IncomingHttpHeaders, options: SimulatorOptions): "all" | ReadonlySet<string> | null {
  if (isAuthorized(headers, options)) return "all";
  const scoped = options.scopedTokens?.find((t) => headers.authorization === `Bearer ${t.token}`);
  return scoped ? new Set(scoped.zoneIds) : null;
}

function isAuthorized(headers: IncomingHttpHeaders, options: SimulatorOptions): boolean {
  const token = options.apiToken ?? "sim-token";
  if (headers.authorization === `Bearer ${token}`) return true;
  const { apiKey, apiEmail } = options;
  return apiKey !== undefined && apiEmail !== undefined && headers["x-auth-key"] === apiKey && headers["x-auth-email"] === apiEmail;
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const faults = new FaultBook();
  const rateLimit = new RateLimitWindow(options.rateLimitQuota);
  const requests: LoggedRequest[] = [];
  // Aborted on close so requests parked behind a delay fault do not outlive the server.
  const closing = new AbortController();

  const simulator = {
    baseUrl: "",
    state: options.state,
    requests,
    requestCount: (template?: string, zoneId?: string) =>
      requests.filter((entry) => (template === undefined || entry.template === template) && (zoneId === undefined || (entry.zoneId ?? entry.accountId) === zoneId)).length,
    injectFault: (fault: Fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    close: async () => {},
  } satisfies Simulator;

  /** Resolves when the simulator closes or the client hangs up: what a `hang` fault waits for. */
  function untilGone(res: ServerResponse): Promise<void> {
    return new Promise((resolve) => {
      if (closing.signal.aborted || res.destroyed) return resolve();
      const done = () => {
        closing.signal.removeEventListener("abort", done);
        res.off("close", done);
        resolve();
      };
      closing.signal.addEventListener("abort", done, { once: true });
      res.once("close", done);
    });
  }

  /** The reply, or null when a `hang` fault means nothing is ever sent. */
  async function decideReply(req: IncomingMessage, res: ServerResponse, url: URL, entry: LoggedRequest, match: RouteMatch | undefined): Promise<Reply | null> {
    if (!match) return jsonReply(404, couldNotRoute(entry.path));
    if (req.method !== "GET") {
      return jsonReply(405, failureEnvelope(ERROR_CODES.methodNotAllowed, `Method ${req.method} not allowed`), { allow: "GET" });
    }

    // A fault's zoneId names an account on an account route, as requestCount's does.
    const fault = faults.take(match.template, entry.zoneId ?? entry.accountId);
    if (fault?.delayMs) await sleep(fault.delayMs, undefined, { signal: closing.signal });
    if (fault?.hang) {
      await untilGone(res);
      return null;
    }
    const cut = (reply: Reply): Reply => (fault?.resetAfterBytes === undefined ? reply : { ...reply, resetAfterBytes: fault.resetAfterBytes });
    const injected = fault && faultReply(fault, entry.path);
    if (injected) return cut(injected);

    const scope = zoneScope(req.headers, options);
    if (isTokenRoute(match.template)) {
      const { status, body } = answerTokenVerify(simulator.state, match.template, match.params, entry.token, scope !== null);
      return cut(jsonReply(status, body));
    }
    if (scope === null) return cut(jsonReply(403, AUTHENTICATION_ERROR));
    if (scope !== "all" && entry.zoneId !== undefined && !scope.has(entry.zoneId)) return cut(jsonReply(403, AUTHENTICATION_ERROR));
    let query = url.searchParams;
    if (fault?.ignorePage) {
      query = new URLSearchParams(url.searchParams);
      query.set("page", "1");
    }
    const state = scope === "all" ? simulator.state : { ...simulator.state, zones: simulator.state.zones.filter((z) => scope.has(z.id)) };
    const { status, body } = answerRoute(state, match, entry.path, query, entry.token);
    if (!fault?.mutate) return cut(jsonReply(status, body));
    const context = { template: match.template, path: entry.path, zoneId: entry.zoneId, query: { ...entry.query }, status };
    const mutated = fault.mutate(structuredClone(body), context);
    // Bytes are sent as they are: how a test serves an envelope that is not valid UTF-8.
    return cut(mutated instanceof Uint8Array ? { status, text: mutated, headers: {} } : jsonReply(status, mutated));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://simulator.invalid");
    const underBase = url.pathname.startsWith(`${API_BASE_PATH}/`);
    const path = underBase ? url.pathname.slice(API_BASE_PATH.length) : url.pathname;
    const match = underBase ? withQueryZone(matchRoute(path), url.searchParams) : undefined;
    const entry: LoggedRequest = {
      method: req.method ?? "GET",
      path,
      template: match?.template ?? null,
      query: Object.fromEntries(url.searchParams),
      status: 0,
      at: (options.now ?? Date.now)(),
    };
    if (match?.params.zone_id !== undefined) entry.zoneId = match.params.zone_id;
    if (match?.params.account_id !== undefined) entry.accountId = match.params.account_id;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (bearer !== undefined) entry.token = bearer;
    // Logged on arrival so a test can count a request its client already gave up on.
    requests.push(entry);

    let reply: Reply | null;
    try {
      reply = await decideReply(req, res, url, entry, match);
      if (reply === null) return;
    } catch (error) {
      if (closing.signal.aborted) return;
      reply = jsonReply(500, failureEnvelope(ERROR_CODES.simulatedServerError, `Simulator bug: ${String(error)}`));
    }

    const headers: Record<string, string> = {
      "content-type": "application/json",
      ...rateLimit.record(Date.now()),
      ...reply.headers,
    };
    // Retry-After itself is only sent when the fault sets retryAfter, so a test can also serve a
    // bare 429; the Ratelimit header says the quota is spent either way.
    if (reply.status === 429) Object.assign(headers, rateLimitHeaders(0, Number(reply.headers["retry-after"] ?? 300), options.rateLimitQuota));
    entry.status = reply.status;
    if (res.destroyed) return;
    if (reply.resetAfterBytes !== undefined) {
      // The full length is announced, so the client knows the body was cut short.
      const bytes = typeof reply.text === "string" ? Buffer.from(reply.text) : reply.text;
      res.writeHead(reply.status, { ...headers, "content-length": String(bytes.byteLength) });
      res.write(bytes.subarray(0, Math.min(reply.resetAfterBytes, bytes.byteLength)), () => res.destroy());
      return;
    }
    res.writeHead(reply.status, headers);
    res.end(reply.text);
  }

  const server = createServer((req, res) => {
    // The body of a GET is never read, but it must be drained for keep-alive to work.
    req.resume();
    void handle(req, res);
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  simulator.baseUrl = `http://${urlHost}:${port}${API_BASE_PATH}`;
  simulator.close = () =>
    new Promise<void>((resolve, reject) => {
      closing.abort();
      if (!server.listening) return resolve();
      server.close((error) => (error ? reject(error) : resolve()));
      // Keep-alive sockets from pooled clients (undici) would otherwise hold close() open.
      server.closeAllConnections();
    });
  return simulator;
}
