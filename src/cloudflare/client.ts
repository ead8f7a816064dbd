import { Agent, errors as undiciErrors, request } from "../http/undici.js";
import type { Logger } from "pino";
import type { CloudflareAuth } from "./auth.js";
import { linkedSignal } from "../async/linked-signal.js";
import { systemClock, type Clock } from "../clock/clock.js";
import { CloudflareApiError, reasonForStatus, type ErrorReason } from "./api-error.js";
import { ConcurrencyLimit } from "./concurrency-limit.js";
import { envelopeSchema, errorItemsOf, type Envelope } from "./envelope.js";
import { RequestBudget } from "./request-budget.js";
import { backoffDelayMs, exhaustedQuotaWaitMs, isRetryableStatus, parseRetryAfterMs } from "./retry-policy.js";

export interface CloudflareClientOptions {
  baseUrl: string;
  auth: CloudflareAuth;
  timeoutMs: number;
  maxRetries: number;
  retryAfterCapMs: number;
  concurrency: number;
  maxRequestsPer5m: number;
  userAgent: string;
  logger: Logger;
  /** Called once per HTTP attempt with the path template and the status (or "network"/"timeout"). */
  onRequest?: (endpoint: string, code: string) => void;
  clock?: Clock;
  backoff?: { baseMs: number; maxMs: number };
}

export interface GetOptions {
  query?: Record<string, string | number>;
  signal?: AbortSignal;
  /** A 404 is an expected answer here (e.g. a hostname with no AOP association): log it quietly. */
  notFoundIsAnswer?: boolean;
}

/** A page of 50 certificate objects is well under a megabyte; 32 MiB leaves room for bundles. */
const MAX_BODY_BYTES = 32 * 1_048_576;

/** What a source needs of the client: one GET. A sweep wraps it to count a poll's requests. */
export type ApiReader = Pick<CloudflareClient, "get">;

type Attempt =
  | { envelope: Envelope }
  | { envelope?: undefined; error: CloudflareApiError; retryable: boolean; retryAfterMs: number | null };

/**
 * The only module that talks HTTP to Cloudflare. It owns auth, keep-alive, per-attempt timeouts,
 * bounded concurrency, the request budget, retries with backoff, and `Retry-After`.
 */
export class CloudflareClient {
  private readonly agent: Agent;
  private readonly budget: RequestBudget;
  private readonly limit: ConcurrencyLimit;
  private readonly clock: Clock;
  private readonly backoff: { baseMs: number; maxMs: number };

  constructor(private readonly options: CloudflareClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.budget = new RequestBudget(options.maxRequestsPer5m, this.clock);
    this.limit = new ConcurrencyLimit(options.concurrency);
    this.backoff = options.backoff ?? { baseMs: 500, maxMs: 30_000 };
    this.agent = new Agent({
      keepAliveTimeout: 30_000,
      connections: options.concurrency,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  /**
   * GET `template` (e.g. `/zones/:zone_id/acm/custom_trust_store`) with `params` filled in.
   * Resolves with a successful envelope; throws CloudflareApiError otherwise.
   */
  async get(template: string, params: Record<string, string>, options: GetOptions = {}): Promise<Envelope> {
    const path = fillTemplate(template, params);
    const url = new URL(this.options.baseUrl + path);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, String(value));

    for (let attempt = 0; ; attempt += 1) {
      const result = await this.limit.run(async () => {
        await this.budget.acquire(options.signal);
        return this.attempt(template, url, options.signal);
      });
      if (result.envelope) return result.envelope;
      const { error } = result;
      const willRetry = result.retryable && attempt < this.options.maxRetries;
      this.logFailure(error, url, attempt, willRetry, options.notFoundIsAnswer === true);
      if (!willRetry) throw error;

      let waitMs = backoffDelayMs(attempt, this.backoff);
      if (result.retryAfterMs !== null) waitMs = Math.min(result.retryAfterMs, this.options.retryAfterCapMs);
      if (error.status === 429) {
        // Cloudflare blocks the whole account after a 429: hold every request, not just this one.
        this.budget.pauseUntil(this.clock.now() + waitMs);
      }
      await this.clock.sleep(waitMs, options.signal);
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async attempt(template: string, url: URL, outer?: AbortSignal): Promise<Attempt> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    // Not AbortSignal.any: on Node 20 that leaves an entry on `outer` for every request (linked-signal.ts).
    const linked = outer ? linkedSignal([outer, timeout]) : null;
    const signal = linked?.signal ?? timeout;
    let status: number;
    let headers: Record<string, string | string[] | undefined>;
    let text: string;
    try {
      const response = await request(url, {
        method: "GET",
        headers: this.headers(),
        dispatcher: this.agent,
        signal,
      });
      status = response.statusCode;
      headers = response.headers;
      const read = await readCapped(response.body, MAX_BODY_BYTES);
      if (read === null) {
        this.options.onRequest?.(template, String(status));
        return { error: invalid(template, status, `body larger than ${MAX_BODY_BYTES / 1_048_576} MiB; not read`), retryable: false, retryAfterMs: null };
      }
      text = read;
    } catch (cause) {
      if (outer?.aborted) throw cause;
      const timedOut = timeout.aborted || cause instanceof undiciErrors.HeadersTimeoutError || cause instanceof undiciErrors.BodyTimeoutError;
      const reason: ErrorReason = timedOut ? "timeout" : "network";
      this.options.onRequest?.(template, reason);
      const message = timedOut ? `no answer within ${this.options.timeoutMs} ms` : describeNetworkError(cause);
      return { error: new CloudflareApiError(reason, template, message), retryable: true, retryAfterMs: null };
    } finally {
      linked?.dispose();
    }
    this.options.onRequest?.(template, String(status));

    const quotaWait = exhaustedQuotaWaitMs(header(headers, "ratelimit"));
    if (quotaWait !== null) this.budget.pauseUntil(this.clock.now() + Math.min(quotaWait, this.options.retryAfterCapMs));
    const retryAfterMs = parseRetryAfterMs(header(headers, "retry-after"), this.clock.now());

    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }

    if (status < 200 || status > 299) {
      const errors = errorItemsOf(body);
      const error = new CloudflareApiError(reasonForStatus(status), template, `HTTP ${status}${summarize(errors)}`, status, errors);
      return { error, retryable: isRetryableStatus(status), retryAfterMs };
    }
    // A 2xx that is not a usable envelope is a broken answer, not a passing fault: do not retry it.
    if (body === undefined) {
      return { error: invalid(template, status, "body is not JSON"), retryable: false, retryAfterMs };
    }
    const parsed = envelopeSchema.safeParse(body);
    if (!parsed.success) {
      return { error: invalid(template, status, "body is not a Cloudflare v4 envelope"), retryable: false, retryAfterMs };
    }
    if (!parsed.data.success) {
      const errors = errorItemsOf(body);
      const error = new CloudflareApiError("api_error", template, `success: false${summarize(errors)}`, status, errors);
      return { error, retryable: false, retryAfterMs };
    }
    return { envelope: parsed.data };
  }

  private headers(): Record<string, string> {
    const auth = this.options.auth;
    const credentials: Record<string, string> =
      auth.kind === "token" ? { authorization: `Bearer ${auth.token}` } : { "x-auth-key": auth.key, "x-auth-email": auth.email };
    return { accept: "application/json", "user-agent": this.options.userAgent, ...credentials };
  }

  private logFailure(error: CloudflareApiError, url: URL, attempt: number, willRetry: boolean, notFoundIsAnswer: boolean): void {
    // A refused token or a missing product is reported once by whoever asked (per source, or
    // one line for the whole account when the token is refused everywhere), not per request.
    const reportedByCaller = !willRetry && (error.reason === "unauthorized" || error.reason === "forbidden");
    const quiet = (notFoundIsAnswer && error.reason === "not_found") || reportedByCaller;
    const entry = {
      endpoint: error.endpoint,
      path: url.pathname,
      status: error.status,
      reason: error.reason,
      cloudflare_errors: error.errors,
      attempt: attempt + 1,
      will_retry: willRetry,
    };
    if (quiet) this.options.logger.debug(entry, `Cloudflare request failed: ${error.message}`);
    else this.options.logger.warn(entry, `Cloudflare request failed: ${error.message}`);
  }
}

/**
 * Reads a body as UTF-8, or returns null (and stops reading) once it passes `limit` bytes: a
 * runaway answer must not take the daemon's memory with it.
 */
async function readCapped(body: AsyncIterable<Uint8Array> & { destroy(): unknown }, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) {
      body.destroy();
      return null;
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks, size).toString("utf8");
}

function fillTemplate(template: string, params: Record<string, string>): string {
  return template.replace(/:([a-z_]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${template}`);
    return encodeURIComponent(value);
  });
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function invalid(template: string, status: number, what: string): CloudflareApiError {
  return new CloudflareApiError("invalid_response", template, `HTTP ${status}: ${what}`, status);
}

function summarize(errors: Array<{ code: number; message: string }>): string {
  return errors.length ? `: ${errors.map((e) => `${e.code} ${e.message}`).join("; ")}` : "";
}

function describeNetworkError(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: string }).code;
    return code ? `${code}: ${cause.message}` : cause.message;
  }
  return String(cause);
}
