// A thin undici GET against a running simulator, returning what assertions need.
import { request } from "undici";

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
