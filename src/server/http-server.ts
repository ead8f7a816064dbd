import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { ReloadResult } from "../daemon.js";
import { parseStatusPageFilter, renderStatusPage, STATUS_PAGE_HEADERS, type StatusPageModel } from "./status-page.js";

export interface HttpServerOptions {
  host: string;
  port: number;
  registry: Registry;
  isReady: () => boolean;
  /** What `GET /` shows, built fresh for each request. */
  statusPage: () => StatusPageModel;
  /** The daemon's clock (the page's "now"). */
  now: () => number;
  /** `POST /-/reload`: re-reads the config file. */
  reload: () => Promise<ReloadResult>;
  logger: Logger;
}

export interface RunningHttpServer {
  /** e.g. http://127.0.0.1:9798 */
  url: string;
  close(): Promise<void>;
}

/**
 * `/` (the status page), `/metrics`, `/healthz` (200 while running), `/readyz` (503 until the
 * first cycle is done), and `POST /-/reload`.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const server = createServer((req, res) => {
    route(options, req, res).catch((error: unknown) => {
      options.logger.error({ err: error, path: req.url }, "HTTP handler failed");
      if (!res.headersSent) send(res, 500, "text/plain; charset=utf-8", "internal error\n");
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return { url: `http://${host}:${address.port}`, close: () => closeServer(server) };
}

async function route(options: HttpServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const [path, query] = splitUrl(req.url ?? "/");
  if (path === "/-/reload") return reloadEndpoint(options, req, res);
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("allow", "GET, HEAD");
    return send(res, 405, "text/plain; charset=utf-8", "method not allowed\n");
  }
  switch (path) {
    case "/":
      return send(res, 200, "text/html; charset=utf-8", statusPageHtml(options, query), STATUS_PAGE_HEADERS);
    case "/metrics":
      return send(res, 200, options.registry.contentType, await options.registry.metrics());
    case "/healthz":
      return send(res, 200, "text/plain; charset=utf-8", "ok\n");
    case "/readyz":
      return options.isReady()
        ? send(res, 200, "text/plain; charset=utf-8", "ready\n")
        : send(res, 503, "text/plain; charset=utf-8", "waiting for the first poll cycle\n");
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
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
