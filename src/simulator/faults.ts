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
}

export interface FaultReply {
  status: number;
  /** Raw text: a malformed body cannot go through JSON.stringify. */
  text: string;
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

/** What to send for a fault, or undefined when the fault only delays the normal answer. */
export function faultReply(fault: Fault, path: string): FaultReply | undefined {
  if (fault.body === undefined && fault.status === undefined) return undefined;
  const status = fault.status ?? 200;
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
  const text = fault.body === undefined ? JSON.stringify(failureForStatus(status, path)) : bodyText(fault.body);
  return { status, text, headers };
}
