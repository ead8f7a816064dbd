// The source against a scripted reader (no server): pages the simulator never serves (no
// total_pages, a page-ignoring server), the permission answers, and what one item maps to.
import { describe, expect, it } from "vitest";
import { CloudflareApiError } from "../../cloudflare/api-error.js";
import type { ApiReader } from "../../cloudflare/client.js";
import type { Envelope } from "../../cloudflare/envelope.js";
import { ORIGIN_CA_ENDPOINT, originCaCertificate } from "./store.js";

const ZONE = { id: "0123456789abcdef0123456789abcdef", name: "origin.test", hostnames: [] };

interface Call {
  template: string;
  params: Record<string, string>;
  query: Record<string, string | number>;
}

/** A reader answering each request with `answer(page, query)`; records every call. */
function scripted(answer: (page: number, query: Record<string, string | number>) => Envelope | Error): { client: ApiReader; calls: Call[] } {
  const calls: Call[] = [];
  const client: ApiReader = {
    get: async (template, params, options = {}) => {
      const query = options.query ?? {};
      calls.push({ template, params, query });
      const reply = answer(Number(query.page ?? 1), query);
      if (reply instanceof Error) throw reply;
      return reply;
    },
  };
  return { client, calls };
}

const item = (n: number, extra: Record<string, unknown> = {}) => ({ id: `id-${n}`, hostnames: [`h${n}.origin.test`], expires_on: "2039-08-14 12:00:00 +0000 UTC", ...extra });
const envelope = (result: unknown[], resultInfo?: Record<string, number>): Envelope => ({ success: true, errors: [], messages: [], result, ...(resultInfo ? { result_info: resultInfo } : {}) });
const run = (client: ApiReader) => originCaCertificate.poll({ zone: ZONE, client, signal: AbortSignal.timeout(5_000) });
/** The poll's rejection (or its result, when it should have failed and did not). */
const poll = (client: ApiReader) => run(client).catch((e: unknown) => e);

describe("origin_ca_certificate poll", () => {
  it("sends zone_id in the query, with page and per_page 50", async () => {
    const { client, calls } = scripted(() => envelope([item(1)]));
    await run(client);
    expect(calls).toEqual([{ template: ORIGIN_CA_ENDPOINT, params: {}, query: { zone_id: ZONE.id, page: 1, per_page: 50 } }]);
  });

  it("reads pages until a short one when result_info has no total_pages (the shape on record)", async () => {
    const all = Array.from({ length: 120 }, (_, i) => item(i));
    const { client, calls } = scripted((page) => {
      const slice = all.slice((page - 1) * 50, page * 50);
      return envelope(slice, { page, per_page: 50, count: slice.length, total_count: all.length });
    });
    const { items } = await run(client);
    expect(items).toHaveLength(120);
    expect(calls.map((c) => c.query.page)).toEqual([1, 2, 3]);
  });

  it("stops on an empty page when result_info is missing altogether", async () => {
    const { client, calls } = scripted((page) => envelope(page === 1 ? Array.from({ length: 50 }, (_, i) => item(i)) : []));
    const { items } = await run(client);
    expect(items).toHaveLength(50);
    expect(calls).toHaveLength(2);
  });

  it("fails with reason pagination, by page 2, on a server that ignores page", async () => {
    const full = Array.from({ length: 50 }, (_, i) => item(i));
    const { client, calls } = scripted(() => envelope(full));
    const error = await poll(client);
    expect(error).toBeInstanceOf(CloudflareApiError);
    expect((error as CloudflareApiError).reason).toBe("pagination");
    expect(calls).toHaveLength(2);
  });

  it("maps an item: PEM, hosts, request type and validity; status null; no hostname", async () => {
    const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    const { client } = scripted(() =>
      envelope([item(1, { id: "328578533902268680212849205732770752308931942346", certificate: pem, hostnames: ["origin.test", "*.origin.test"], request_type: "origin-rsa", requested_validity: 5475, csr: "x" })]),
    );
    const [mapped] = (await run(client)).items;
    expect(mapped).toEqual({
      certId: "328578533902268680212849205732770752308931942346",
      hostname: "",
      status: null,
      apiExpiresOn: Date.UTC(2039, 7, 14, 12),
      pem,
      apiIssuer: null,
      attributes: { hosts: "origin.test, *.origin.test", request_type: "origin-rsa", requested_validity: "5475" },
    });
  });

  it("keeps an item whose expires_on or display fields cannot be read; skips and counts one without an id", async () => {
    const { client } = scripted(() =>
      envelope([
        item(1, { expires_on: "sometime in 2039" }),
        item(2, { expires_on: 2039 }),
        item(3, { expires_on: null, request_type: 7, requested_validity: "forever" }),
        { hostnames: ["no-id.origin.test"] },
      ]),
    );
    const { items, invalid } = await run(client);
    expect(items.map((i) => [i.certId, i.apiExpiresOn, i.attributes.request_type, i.attributes.requested_validity])).toEqual([
      ["id-1", null, null, null],
      ["id-2", null, null, null],
      ["id-3", null, null, null],
    ]);
    expect(invalid?.counts).toEqual({ missing_id: 1 });
  });

  it.each([
    ["HTTP 403", 403, [{ code: 1016, message: "User is not authorized to perform this action" }]],
    ["HTTP 403 without codes", 403, []],
    ["HTTP 400 with code 1016", 400, [{ code: 1016, message: "User is not authorized to perform this action" }]],
    ["HTTP 400 with code 10000", 400, [{ code: 10000, message: "Authentication error" }]],
  ])("classes %s as forbidden and names the permission to add", async (_, status, errors) => {
    const { client } = scripted(() => new CloudflareApiError(status === 403 ? "forbidden" : "api_error", ORIGIN_CA_ENDPOINT, `HTTP ${status}`, status, errors));
    const error = (await poll(client)) as CloudflareApiError;
    expect(error).toBeInstanceOf(CloudflareApiError);
    expect(error.reason).toBe("forbidden");
    expect(error.status).toBe(status);
    expect(error.codes).toEqual(errors.map((e) => e.code));
    expect(error.message).toMatch(/SSL and Certificates → Edit/);
  });

  it("leaves other failures as they are", async () => {
    const original = new CloudflareApiError("api_error", ORIGIN_CA_ENDPOINT, "HTTP 400: 1001 Invalid request", 400, [{ code: 1001, message: "Invalid request" }]);
    const { client } = scripted(() => original);
    expect(await poll(client)).toBe(original);
  });
});
