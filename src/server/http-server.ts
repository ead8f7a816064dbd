import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import { OPENMETRICS_CONTENT_TYPE, type ExpositionFormat } from "../metrics/openmetrics.js";
import { StartupError, systemErrorWords } from "../startup-error.js";
import { BasicAuth, REALM } from "../web/basic-auth.js";
import type { WebConfig } from "../web/load-web-config.js";
import { admitsClient, tlsServerOptions } from "../web/tls-server-options.js";
import { acceptsGzip, metricsBody, type CachedExposition, type MetricsBody } from "./metrics-body.js";
import { preferredFormat } from "./negotiate-format.js";
import { discardBodyWithin, MAX_REQUEST_BODY_BYTES } from "./request-body.js";
import { sendInSlices } from "./send-in-slices.js";
import { parseStatusPageFilter, renderStatusPage, STATUS_PAGE_HEADERS, type StatusPageModel } from "./status-page.js";

export interface HttpServerOptions {
  host: string;
  port: number;
  registry: Registry;
  /** The inventory-derived metrics, kept between scrapes; served before the registry's. */
  exposition?: CachedExposition;
  isReady: () => boolean;
  /** What `GET /` shows, built fresh for each request. */
  statusPage: () => StatusPageModel;
  /** The daemon's clock (the page's "now"). */
  now: () => number;
  /** `POST /-/reload`: re-reads the config file. */
  reload: () => Promise<ReloadResult>;
  logger: Logger;
  /** Tests shorten these; the defaults suit production. */
  timeouts?: Partial<HttpTimeouts>;
  /** TLS, basic auth and extra headers (`--web.config.file`); absent: plain HTTP, open to all. */
  web?: WebConfig | null;
}

/** What `POST /-/reload` answers; the daemon produces it (the server only reports it). */
export type ReloadResult =
  | { ok: true; zonesAdded: string[]; zonesRemoved: string[]; needsRestart: string[] }
  | { ok: false; problems: string[] };

export interface HttpTimeouts {
  /** A connection must have sent a request's complete headers within this long. */
  headersMs: number;
  /** ... and the complete request within this long. */
  requestMs: number;
  /** An idle keep-alive connection is closed after this long. */
  keepAliveMs: number;
  /** A connection with no traffic either way is closed after this long, whatever its state. */
  idleSocketMs: number;
  /** How often the server checks the header and request deadlines. */
  checkEveryMs: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
  idleSocketMs: 10_000,
  checkEveryMs: 1_000,
};

/** On stop, requests in flight get this long to finish before their connections are cut. */
const CLOSE_GRACE_MS = 2_000;

export interface RunningHttpServer {
  /** e.g. http://127.0.0.1:9798 (https:// with TLS) */
  url: string;
  close(): Promise<void>;
}

interface Handlers {
  options: HttpServerOptions;
  /** One render shared by every scrape that arrives while it runs. */
  metrics: (gzipped: boolean, format: ExpositionFormat) => Promise<MetricsBody>;
  auth: BasicAuth;
  /** The web config's extra headers, on every response. */
  headers: Readonly<Record<string, string>>;
}

/**
 * `/` (the status page), `/metrics`, `/healthz` (200 while running), `/readyz` (200 once serving
 * with the alert state loaded; the first sweep need not be done), and `POST /-/reload`. Slow or stuck clients cannot pile up: see
 * HttpTimeouts, and bodies over MAX_REQUEST_BODY_BYTES get 413 without being read. With a web
 * config: HTTPS, and basic auth on everything but the two probes.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const timeouts = { ...DEFAULT_HTTP_TIMEOUTS, ...options.timeouts };
  const web = options.web ?? null;
  const handlers: Handlers = {
    options,
    metrics: metricsBody(options.registry, options.exposition),
    auth: new BasicAuth(web?.users ?? new Map()),
    headers: web?.headers ?? {},
  };
  const serverOptions: ServerOptions = {
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionsCheckingInterval: timeouts.checkEveryMs,
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    route(handlers, req, res).catch((error: unknown) => {
      options.logger.error({ err: error, path: req.url }, "HTTP handler failed");
      if (!res.headersSent) send(res, 500, "text/plain; charset=utf-8", "internal error\n");
      else res.destroy();
    });
  };
  const tls = web?.tls ?? null;
  const server: Server = tls ? createHttpsServer({ ...serverOptions, ...tlsServerOptions(tls) }, handle) : createServer(serverOptions, handle);
  if (tls) {
    server.on("secureConnection", (socket: TLSSocket) => {
      if (!admitsClient(tls, socket)) socket.destroy();
    });
    // A failed handshake (no or a bad client certificate, plain HTTP sent to the TLS port) is the client's problem, not certwatch's.
    server.on("tlsClientError", (error: Error) => options.logger.debug({ err: error }, "TLS handshake failed"));
  }
  // Without a 'timeout' listener the server destroys a socket idle this long.
  server.setTimeout(timeouts.idleSocketMs);
  await listen(server, options.host, options.port);
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return { url: `${tls ? "https" : "http"}://${host}:${address.port}`, close: () => closeServer(server) };
}

async function listen(server: Server, host: string, port: number): Promise<void> {
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    const where = host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
    throw new StartupError(`cannot listen on ${where}`, "server.listen", systemErrorWords(error), { cause: error });
  }
}

async function route(handlers: Handlers, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { options } = handlers;
  const [path, query] = splitUrl(req.url ?? "/");
  for (const [name, value] of Object.entries(handlers.headers)) res.setHeader(name, value);
  // Answered before anything else, and without awaiting anything: a liveness probe must not
  // queue behind scrapes or a reload.
  if (path === "/healthz" && (req.method === "GET" || req.method === "HEAD")) return send(res, 200, "text/plain; charset=utf-8", "ok\n");
  if (!(await discardBodyWithin(req, MAX_REQUEST_BODY_BYTES))) return tooLarge(res);
  // Probes stay open (a kubelet has no password); everything else is behind basic_auth_users.
  if (path !== "/readyz" && !(await handlers.auth.allows(req.headers.authorization))) return unauthorized(res);
  if (path === "/-/reload") return reloadEndpoint(options, req, res);
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("allow", "GET, HEAD");
    return send(res, 405, "text/plain; charset=utf-8", "method not allowed\n");
  }
  switch (path) {
    case "/":
      return send(res, 200, "text/html; charset=utf-8", statusPageHtml(options, query), STATUS_PAGE_HEADERS);
    case "/metrics": {
      const format = preferredFormat(req.headers.accept);
      const contentType = format === "openmetrics" ? OPENMETRICS_CONTENT_TYPE : options.registry.contentType;
      return sendMetrics(res, contentType, await handlers.metrics(acceptsGzip(req.headers["accept-encoding"]), format), req.method === "HEAD");
    }
    case "/readyz":
      return options.isReady()
        ? send(res, 200, "text/plain; charset=utf-8", "ready\n")
        : send(res, 503, "text/plain; charset=utf-8", "starting: alert state not loaded yet\n");
    default:
      return send(res, 404, "text/plain; charset=utf-8", "not found\n");
  }
}

async function reloadEndpoint(options: HttpServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "POST") {
    res.setHeader("allow", "POST");
    return send(res, 405, "text/plain; charset=utf-8", "use POST to reload the configuration\n");
  }
  const result = await options.reload();
  if (!result.ok) return send(res, 400, "text/plain; charset=utf-8", `configuration rejected; the running one stays:\n${result.problems.join("\n")}\n`);
  const restart = result.needsRestart.length ? `\nchanged but only applied after a restart: ${result.needsRestart.join(", ")}` : "";
  return send(res, 200, "text/plain; charset=utf-8", `configuration reloaded${restart}\n`);
}

function unauthorized(res: ServerResponse): void {
  send(res, 401, "text/plain; charset=utf-8", "unauthorized\n", { "www-authenticate": `Basic realm="${REALM}"` });
}

/** The rest of the body stays unread: the connection closes after the answer. */
function tooLarge(res: ServerResponse): void {
  res.shouldKeepAlive = false;
  send(res, 413, "text/plain; charset=utf-8", `request body over ${MAX_REQUEST_BODY_BYTES} bytes\n`, { connection: "close" });
}

function sendMetrics(res: ServerResponse, contentType: string, body: MetricsBody, headOnly: boolean): Promise<void> {
  const length = body.parts.reduce((n, part) => n + part.length, 0);
  const encoding: Record<string, string> = body.gzipped ? { "content-encoding": "gzip" } : {};
  res.writeHead(200, { "content-type": contentType, "cache-control": "no-store", vary: "Accept, Accept-Encoding", ...encoding, "content-length": String(length) });
  if (headOnly) {
    res.end();
    return Promise.resolve();
  }
  return sendInSlices(res, body.parts);
}

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Readonly<Record<string, string>> = {}): void {
  res.writeHead(status, { "content-type": contentType, "cache-control": "no-store", ...headers });
  res.end(body);
}

/** The status page, filtered by the query string (`?zone=…&source=…&state=…`). */
function statusPageHtml(options: HttpServerOptions, query: string): string {
  return renderStatusPage(options.statusPage(), options.now(), parseStatusPageFilter(new URLSearchParams(query)));
}

/** Path and query string of a request target. */
function splitUrl(url: string): [string, string] {
  const mark = url.indexOf("?");
  return mark < 0 ? [url, ""] : [url.slice(0, mark), url.slice(mark + 1)];
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    const cut = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
    server.close((error) => {
      clearTimeout(cut);
      if (error) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
