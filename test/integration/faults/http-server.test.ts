// The HTTP server against misbehaving clients, over real loopback sockets: connections that
// never finish a request, oversized bodies, concurrent reloads and scrapes.
import { connect, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { Registry } from "prom-client";
import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import type { ReloadResult } from "../../../src/daemon.js";
import { createLogger } from "../../../src/log/logger.js";
import { DEFAULT_HTTP_TIMEOUTS, startHttpServer, type HttpServerOptions, type RunningHttpServer } from "../../../src/server/http-server.js";
import { MAX_REQUEST_BODY_BYTES } from "../../../src/server/request-body.js";
import { LogCapture } from "../../helpers/harness.js";

const RELOADED: ReloadResult = { ok: true, zonesAdded: [], zonesRemoved: [], needsRestart: [] };
let server: RunningHttpServer | null = null;

async function serve(overrides: Partial<HttpServerOptions> = {}): Promise<RunningHttpServer> {
  server = await startHttpServer({
    host: "127.0.0.1",
    port: 0,
    registry: new Registry(),
    isReady: () => true,
    statusPage: () => {
      throw new Error("not used here");
    },
    now: () => Date.now(),
    reload: async () => RELOADED,
    logger: createLogger({ level: "silent", format: "json", secrets: [], destination: new LogCapture() }),
    ...overrides,
  });
  return server;
}

afterEach(async () => {
  await server?.close();
  server = null;
});

function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Resolves when the server has closed the socket (end or reset). */
function closedByServer(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    socket.on("data", () => undefined);
    socket.once("close", () => resolve());
    socket.once("error", () => undefined);
  });
}

describe("connections that never send a full request", () => {
  it("production defaults: headers within 10 s, the whole request within 30 s, idle sockets closed after 10 s", () => {
    expect(DEFAULT_HTTP_TIMEOUTS).toMatchObject({ headersMs: 10_000, requestMs: 30_000, idleSocketMs: 10_000 });
    expect(DEFAULT_HTTP_TIMEOUTS.checkEveryMs).toBeLessThanOrEqual(1_000);
  });

  it("are closed: silent ones, half-sent headers, and a body that stops coming", async () => {
    // Short timeouts, the same mechanism: the server must not hold on to any of them.
    const { url } = await serve({ timeouts: { headersMs: 1_000, requestMs: 2_000, idleSocketMs: 1_000, checkEveryMs: 200 } });
    const sockets = await Promise.all(Array.from({ length: 300 }, () => open(url)));
    sockets.forEach((socket, i) => {
      if (i % 3 === 1) socket.write("GET /metrics HTTP/1.1\r\nHost: x\r\n");
      if (i % 3 === 2) socket.write("POST /-/reload HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc");
    });
    const started = Date.now();
    await Promise.all(sockets.map(closedByServer));
    // Generous: timeouts of 1-2 s, checked every 200 ms, on a busy machine.
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it("a slow client that keeps trickling header bytes is cut at the headers deadline", async () => {
    const { url } = await serve({ timeouts: { headersMs: 1_000, requestMs: 2_000, idleSocketMs: 5_000, checkEveryMs: 200 } });
    const socket = await open(url);
    const closed = closedByServer(socket);
    socket.write("GET / HTTP/1.1\r\n");
    const trickle = setInterval(() => socket.writable && socket.write("X-Slow: 1\r\n"), 100);
    try {
      const started = Date.now();
      await closed;
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      clearInterval(trickle);
    }
  });
});

describe("request bodies", () => {
  it("answers 413 to a declared body over the limit without reading it, and does not reload", async () => {
    let reloads = 0;
    const { url } = await serve({ reload: async () => (reloads++, RELOADED) });
    const huge = 50 * 1024 * 1024;
    const socket = await open(url);
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
    const closed = closedByServer(socket);
    socket.write(`POST /-/reload HTTP/1.1\r\nHost: x\r\nContent-Length: ${huge}\r\n\r\n`);
    socket.write(Buffer.alloc(64 * 1024));
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.toLowerCase()).toContain("connection: close");
    expect(reloads).toBe(0);
  });

  it("answers 413 to a chunked body once it passes the limit", async () => {
    const { url } = await serve();
    const socket = await open(url);
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
    const closed = closedByServer(socket);
    socket.write("POST /-/reload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    const chunk = 16 * 1024;
    for (let i = 0; i < 6; i++) socket.write(`${chunk.toString(16)}\r\n${"a".repeat(chunk)}\r\n`);
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
  });

  it("accepts and ignores a small body", async () => {
    const { url } = await serve();
    const response = await request(`${url}/-/reload`, { method: "POST", body: "x".repeat(MAX_REQUEST_BODY_BYTES) });
    expect(response.statusCode).toBe(200);
    expect(await response.body.text()).toBe("configuration reloaded\n");
  });
});

describe("concurrency", () => {
  it("renders /metrics once for every scrape that arrives while a render runs", async () => {
    const registry = new Registry();
    let renders = 0;
    registry.metrics = async () => {
      renders++;
      await sleep(300);
      return "# a metric\n";
    };
    const { url } = await serve({ registry });
    const responses = await Promise.all(Array.from({ length: 50 }, () => request(`${url}/metrics`)));
    for (const r of responses) expect(await r.body.text()).toBe("# a metric\n");
    expect(renders).toBeLessThanOrEqual(2);
  });

  it("answers /healthz at once while a render is in flight", async () => {
    const registry = new Registry();
    registry.metrics = () => sleep(2_000).then(() => "");
    const { url } = await serve({ registry });
    const scrape = request(`${url}/metrics`);
    await sleep(50);
    const started = Date.now();
    const health = await request(`${url}/healthz`);
    expect(health.statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_000);
    await (await scrape).body.text();
  });
});
