// A thin undici GET against a running simulator, returning what assertions need, plus the
// contract check every simulator answer must pass.
import { request } from "undici";
import { expect } from "vitest";
import type { Simulator } from "../../dev/simulator/server.js";
import { validateResponse } from "./openapi-response-validator.js";

export interface SimResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Parsed body, or undefined when the body is not JSON. */
  json: unknown;
}

export const SIM_TOKEN = "sim-token";

export async function simGet(
  baseUrl: string,
  path: string,
  options: { headers?: Record<string, string>; method?: "GET" | "POST" | "DELETE"; headersTimeout?: number } = {},
): Promise<SimResponse> {
  const response = await request(`${baseUrl}${path}`, {
    method: options.method ?? "GET",
    headers: options.headers ?? { authorization: `Bearer ${SIM_TOKEN}` },
    ...(options.headersTimeout === undefined ? {} : { headersTimeout: options.headersTimeout }),
  });
  const text = await response.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.statusCode, headers: response.headers, text, json };
}

/** Narrow access into an envelope without a schema library; the contract test validates shapes. */
export function field<T = unknown>(value: unknown, ...path: (string | number)[]): T {
  let current: unknown = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") throw new Error(`no ${String(key)} in ${JSON.stringify(current)}`);
    current = (current as Record<string | number, unknown>)[key];
  }
  return current as T;
}

/**
 * GETs a path, asserts the status, that the body validates against the OpenAPI response schema
 * for its template and status, and that the simulator logged the request under that template
 * (daemon tests count requests by it).
 */
export async function getValidated(
  sim: Pick<Simulator, "baseUrl" | "requests">,
  template: string,
  path: string,
  expectedStatus: number,
  headers?: Record<string, string>,
): Promise<SimResponse> {
  const response = await simGet(sim.baseUrl, path, headers ? { headers } : {});
  expect(response.status, response.text.slice(0, 500)).toBe(expectedStatus);
  const validation = validateResponse(template, response.status, response.json);
  expect(validation.valid, `${path} → ${response.status} does not match the OpenAPI schema:\n${validation.errors}\n${response.text.slice(0, 500)}`).toBe(true);
  expect(sim.requests.at(-1)).toMatchObject({ template, status: expectedStatus });
  return response;
}

/** Days from now until an ISO date a simulator answer carries. */
export const daysUntil = (iso: string) => (Date.parse(iso) - Date.now()) / 86_400_000;

/** The ids of a list answer's items, in order. */
export const ids = (response: SimResponse) => field<{ id: string }[]>(response.json, "result").map((item) => item.id);

/** A v4 failure envelope carrying Cloudflare error `code`. */
export function expectFailure(response: SimResponse, code: number): void {
  expect(response.json).toEqual({ success: false, errors: [expect.objectContaining({ code })], messages: [], result: null });
}
