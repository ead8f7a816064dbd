import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpSender } from "../../src/delivery/http-sender.js";

let server: Server;
let base: string;
const sender = new HttpSender(5_000);

beforeAll(async () => {
  // Answers with the status named in the path: /408 gets 408.
  server = createServer((req, res) => {
    req.resume();
    res.writeHead(Number(req.url!.slice(1)), { "content-type": "text/plain" }).end("answer");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sender.close();
  await new Promise((resolve) => server.close(resolve));
});

describe("HttpSender: which answers a sink retries", () => {
  it.each([
    [408, true],
    [429, true],
    [500, true],
    [503, true],
    [400, false],
    [401, false],
    [404, false],
    [413, false],
  ])("HTTP %i → retryable %s", async (status, retryable) => {
    const result = await sender.send({ url: `${base}/${status}`, headers: {}, body: "{}", notificationId: "n-1" }, Date.now());
    expect(result).toMatchObject({ ok: false, retryable, status });
  });
});
