// listAllPages against a tiny scripted HTTP server: the real client, real requests, and lists
// that lie about themselves in the ways a broken proxy, mock or API does.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { CloudflareApiError } from "../../src/cloudflare/api-error.js";
import { CloudflareClient } from "../../src/cloudflare/client.js";
import { forEachPage, listAllPages, MAX_PAGES } from "../../src/cloudflare/paginate.js";

const ENDPOINT = "/zones/:zone_id/acm/custom_trust_store";

/** Answers page `page` (1-based) of each request with what `pageFor` returns; counts requests. */
async function scriptedServer(pageFor: (page: number) => { result: unknown[]; result_info?: Record<string, unknown> }, maxRequestsPer5m = 1_200) {
  const pages: number[] = [];
  const server: Server = createServer((req, res) => {
    const page = Number(new URL(req.url ?? "/", "http://x").searchParams.get("page") ?? "1");
    pages.push(page);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ success: true, errors: [], messages: [], ...pageFor(page) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const client = new CloudflareClient({
    baseUrl: `http://127.0.0.1:${port}/client/v4`,
    auth: { kind: "token", token: "t" },
    timeoutMs: 5_000,
    maxRetries: 0,
    retryAfterCapMs: 1_000,
    concurrency: 2,
    maxRequestsPer5m,
    userAgent: "certwatch-test",
    logger: pino({ level: "silent" }),
  });
  const close = async () => {
    await client.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  opened.push(close);
  return { client, pages, list: () => listAllPages(client, ENDPOINT, { zone_id: "z" }) };
}

const opened: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((close) => close()));
});

const items = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: `ca-${from + i}` }));

/** A faithful list of `total` items at 50 a page. */
const honest = (total: number) => (page: number) => {
  const result = items((page - 1) * 50, Math.max(0, Math.min(50, total - (page - 1) * 50)));
  return { result, result_info: { page, per_page: 50, count: result.length, total_count: total, total_pages: Math.ceil(total / 50) } };
};

async function paginationError(list: () => Promise<unknown[]>): Promise<CloudflareApiError> {
  const error = await list().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CloudflareApiError);
  expect((error as CloudflareApiError).reason).toBe("pagination");
  return error as CloudflareApiError;
}

describe("listAllPages on honest lists", () => {
  it("reads every page and stops at total_pages", async () => {
    const s = await scriptedServer(honest(120));
    expect(await s.list()).toHaveLength(120);
    expect(s.pages).toEqual([1, 2, 3]);
  });

  it("reads an empty list in one request", async () => {
    const s = await scriptedServer(() => ({ result: [], result_info: { page: 1, per_page: 50, count: 0, total_count: 0, total_pages: 0 } }));
    expect(await s.list()).toEqual([]);
    expect(s.pages).toEqual([1]);
  });

  it("without result_info, stops on a short page", async () => {
    const s = await scriptedServer((page) => ({ result: page === 1 ? items(0, 50) : items(50, 3) }));
    expect(await s.list()).toHaveLength(53);
    expect(s.pages).toEqual([1, 2]);
  });

  it("accepts a list that grows by a few items while it is read", async () => {
    const s = await scriptedServer((page) => {
      const total = page === 1 ? 60 : 62;
      const { result } = honest(total)(page);
      return { result, result_info: { page, per_page: 50, count: result.length, total_count: total, total_pages: 2 } };
    });
    expect(await s.list()).toHaveLength(62);
  });

  it("reads a list of more than 1,000 pages to its end (a SaaS zone's custom hostnames)", async () => {
    // 1,050 pages of 50: past the old cap of 1,000 pages, far short of MAX_PAGES.
    const s = await scriptedServer(honest(52_500), 60_000);
    const list = await s.list();
    expect(list).toHaveLength(52_500);
    expect(list.at(-1)).toEqual({ id: "ca-52499" });
    expect(s.pages).toHaveLength(1050);
    expect(s.pages.at(-1)).toBe(1050);
    expect(MAX_PAGES).toBeGreaterThanOrEqual(2_000);
  }, 60_000);

  it("forEachPage hands over each page with the index of its first item", async () => {
    const s = await scriptedServer(honest(120));
    const seen: Array<[number, number]> = [];
    await forEachPage(s.client, ENDPOINT, { zone_id: "z" }, (result, offset) => void seen.push([offset, result.length]));
    expect(seen).toEqual([[0, 50], [50, 50], [100, 20]]);
  });
});

describe("listAllPages on lists that contradict themselves", () => {
  it("stops an endpoint that ignores `page` (same items, total_pages 1000) by the second request", async () => {
    const s = await scriptedServer(() => ({ result: items(0, 50), result_info: { page: 1, per_page: 50, count: 50, total_count: 50_000, total_pages: 1000 } }));
    const error = await paginationError(s.list);
    expect(error.message).toMatch(/page 2: .*ignores `page`/);
    expect(s.pages).toEqual([1, 2]);
  });

  it("stops the same page served again even when result_info echoes the page asked for", async () => {
    const s = await scriptedServer((page) => ({ result: items(0, 50), result_info: { page, per_page: 50, count: 50, total_count: 50_000, total_pages: 1000 } }));
    expect((await paginationError(s.list)).message).toMatch(/the same items as the page before/);
    expect(s.pages).toEqual([1, 2]);
  });

  it("stops the same page without any result_info", async () => {
    const s = await scriptedServer(() => ({ result: items(0, 50) }));
    await paginationError(s.list);
    expect(s.pages).toEqual([1, 2]);
  });

  it("stops at an empty page before total_pages", async () => {
    const s = await scriptedServer((page) => {
      const result = page === 1 ? items(0, 50) : [];
      return { result, result_info: { page, per_page: 50, count: result.length, total_count: 500, total_pages: 10 } };
    });
    expect((await paginationError(s.list)).message).toMatch(/empty page before the last/);
    expect(s.pages).toEqual([1, 2]);
  });

  it("stops when the items outnumber total_count", async () => {
    const s = await scriptedServer(() => ({ result: items(0, 3), result_info: { page: 1, per_page: 50, count: 3, total_count: 2 } }));
    expect((await paginationError(s.list)).message).toMatch(/more than total_count 2/);
    expect(s.pages).toEqual([1]);
  });

  it("stops when total_pages does not fit total_count and per_page", async () => {
    const s = await scriptedServer(() => ({ result: items(0, 3), result_info: { page: 1, per_page: 50, count: 3, total_count: 3, total_pages: 1000 } }));
    expect((await paginationError(s.list)).message).toMatch(/total_pages 1000 does not fit total_count 3/);
    expect(s.pages).toEqual([1]);
  });

  it("stops when total_count jumps by more than a page between pages", async () => {
    const s = await scriptedServer((page) => {
      const total = page === 1 ? 120 : 5_000;
      return { result: items((page - 1) * 50, 50), result_info: { page, per_page: 50, count: 50, total_count: total, total_pages: Math.ceil(total / 50) } };
    });
    expect((await paginationError(s.list)).message).toMatch(/total_count jumped from 120 to 5000/);
    expect(s.pages).toEqual([1, 2]);
  });
});
