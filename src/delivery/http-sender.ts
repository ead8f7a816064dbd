import { Agent, request } from "../http/undici.js";
import { linkedSignal } from "../async/linked-signal.js";
import { parseRetryAfterMs } from "../cloudflare/retry-policy.js";
import { NOTIFICATION_ID_HEADER, type OutgoingRequest } from "../sinks/sink.js";

export type SendResult =
  | { ok: true; status: number }
  | { ok: false; retryable: boolean; status: number | null; retryAfterMs: number | null; message: string };

/**
 * POSTs one rendered notification, with its id in NOTIFICATION_ID_HEADER. Network errors, no
 * answer within the timeout, 5xx, 408 and 429 are worth retrying.
 */
export class HttpSender {
  private readonly agent: Agent;

  constructor(private readonly timeoutMs: number) {
    this.agent = new Agent({ keepAliveTimeout: 10_000, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  }

  async send(outgoing: OutgoingRequest, now: number, signal?: AbortSignal): Promise<SendResult> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    // Not AbortSignal.any: on Node 20 that leaves an entry on the sink's long-lived signal for every delivery (linked-signal.ts).
    const linked = signal ? linkedSignal([signal, timeout]) : null;
    try {
      const response = await request(outgoing.url, {
        method: "POST",
        headers: { ...outgoing.headers, [NOTIFICATION_ID_HEADER]: outgoing.notificationId },
        body: outgoing.body,
        dispatcher: this.agent,
        signal: linked?.signal ?? timeout,
      });
      const text = await response.body.text();
      const status = response.statusCode;
      if (status >= 200 && status < 300) return { ok: true, status };
      const retryAfter = response.headers["retry-after"];
      return {
        ok: false,
        retryable: status >= 500 || status === 429 || status === 408,
        status,
        retryAfterMs: parseRetryAfterMs(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, now),
        message: `HTTP ${status}: ${text.slice(0, 200)}`,
      };
    } catch (error) {
      if (signal?.aborted) throw error;
      const message = timeout.aborted ? `no answer within ${this.timeoutMs} ms` : error instanceof Error ? error.message : String(error);
      return { ok: false, retryable: true, status: null, retryAfterMs: null, message };
    } finally {
      linked?.dispose();
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
