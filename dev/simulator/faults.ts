// Injected misbehaviour: the failure modes a poller meets in production (rate limits, 5xx,
// bodies that lie about success, timeouts), switched on per route and zone by tests.
import { AUTHENTICATION_ERROR, couldNotRoute, ERROR_CODES, failureEnvelope, RATE_LIMITED, type FailureEnvelope } from "./envelope.js";

export type FaultBody =
  /** A 200 whose body is not JSON. */
  | "malformed"
  /** HTTP 200 with `success: false` and an error code: the SDK does not check for it. */
  | "success_false"
  /** HTTP 200, `success: true`, but `result` is a string instead of an array or object. */
  | "wrong_shape";

export interface Fault {
  /** A route template as logged in `requests[].template`; any route when absent. */
  template?: string;
  zoneId?: string;
  /** How many matching requests it answers; default 1, `Infinity` allowed. */
  times?: number;
  status?: number;
  /** Seconds, sent as Retry-After. */
  retryAfter?: number;
  body?: FaultBody;
  /** Waits this long before answering (the fault's answer, or the normal one if it has none). */
  delayMs?: number;
  /** Sends exactly these bytes instead of any envelope: HTML error pages, truncated or non-UTF-8 JSON, huge bodies. */
  raw?: RawFaultBody;
  /** Sends the headers (with the full Content-Length) and only the first N bytes of the answer, then destroys the socket. */
  resetAfterBytes?: number;
  /** Never answers: the request stays open until the client gives up or the simulator closes. */
  hang?: boolean;
  /**
   * Rewrites the normal JSON answer (after authentication and routing) into the body to send:
   * `result` null or of the wrong type, lying `result_info`, odd ids, injected items, other PEMs.
   * A Uint8Array is sent as those bytes (e.g. an envelope with bytes that are not UTF-8).
   */
  mutate?: (body: unknown, context: MutateContext) => unknown;
  /** Answers every request as if it asked for page 1: a server that ignores `page`. */
  ignorePage?: boolean;
}

/** A fault's literal answer. */
export interface RawFaultBody {
  /** Default 200. */
  status?: number;
  body: string | Uint8Array;
  /** Default "application/json". */
  contentType?: string;
  headers?: Record<string, string>;
}

/** What `mutate` is told about the request whose answer it rewrites. */
export interface MutateContext {
  template: string;
  path: string;
  zoneId: string | undefined;
  query: Record<string, string>;
  /** The status of the normal answer; it is sent unchanged. */
  status: number;
}

export interface FaultReply {
  status: number;
  /** Raw text: a malformed body cannot go through JSON.stringify. Bytes for a `raw` fault. */
  text: string | Uint8Array;
  headers: Record<string, string>;
}

interface ArmedFault {
  fault: Fault;
  remaining: number;
}

export class FaultBook {
  private armed: ArmedFault[] = [];

  add(fault: Fault): void {
    const times = fault.times ?? 1;
    if (!(times > 0)) throw new Error(`fault.times must be positive, got ${times}`);
    this.armed.push({ fault: { ...fault }, remaining: times });
  }

  clear(): void {
    this.armed = [];
  }

  /** The first armed fault matching the request, with one of its uses consumed. */
  take(template: string, zoneId: string | undefined): Fault | undefined {
    const index = this.armed.findIndex(
      ({ fault }) => (fault.template === undefined || fault.template === template) && (fault.zoneId === undefined || fault.zoneId === zoneId),
    );
    const entry = this.armed[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.armed.splice(index, 1);
    return entry.fault;
  }
}

function failureForStatus(status: number, path: string): FailureEnvelope {
  if (status === 401 || status === 403) return AUTHENTICATION_ERROR;
  if (status === 404) return couldNotRoute(path);
  if (status === 429) return RATE_LIMITED;
  if (status >= 500) return failureEnvelope(ERROR_CODES.simulatedServerError, `Internal server error (simulated ${status})`);
  return failureEnvelope(ERROR_CODES.badRequest, `Bad request (simulated ${status})`);
}

function bodyText(body: FaultBody): string {
  switch (body) {
    case "malformed":
      return '{"success":true,"errors":[],"result":[{"id":';
    case "success_false":
      return JSON.stringify(failureEnvelope(ERROR_CODES.simulatedFailureInside200, "Simulated failure reported inside an HTTP 200"));
    case "wrong_shape":
      return JSON.stringify({ success: true, errors: [], messages: [], result: "this should have been an object or an array" });
  }
}

/** What to send for a fault, or undefined when the fault only delays, cuts, holds or rewrites the normal answer. */
export function faultReply(fault: Fault, path: string): FaultReply | undefined {
  if (fault.raw) {
    const { status = 200, body, contentType = "application/json", headers = {} } = fault.raw;
    const rawHeaders: Record<string, string> = { "content-type": contentType, ...headers };
    if (fault.retryAfter !== undefined) rawHeaders["retry-after"] = String(fault.retryAfter);
    return { status, text: body, headers: rawHeaders };
  }
  if (fault.body === undefined && fault.status === undefined) return undefined;
  const status = fault.status ?? 200;
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
  const text = fault.body === undefined ? JSON.stringify(failureForStatus(status, path)) : bodyText(fault.body);
  return { status, text, headers };
}
