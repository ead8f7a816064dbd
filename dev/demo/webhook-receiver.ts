import { timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { signBody, SIGNATURE_HEADER, type AlertmanagerWebhookPayload } from "../../src/sinks/webhook.js";

export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Parsed body, or null when it is not JSON. */
  json: unknown;
  /** true/false when a secret is set; null without one. */
  signatureValid: boolean | null;
  /** The status answered. */
  status: number;
}

export interface WebhookReceiverOptions {
  host?: string;
  port?: number;
  /** Verifies `X-Certwatch-Signature`; a request with a bad signature is answered 401. */
  secret?: string;
  /** Decides the answer for each request (default 200): lets tests play a broken receiver. */
  answer?: (request: ReceivedWebhook, index: number) => number;
  onReceive?: (request: ReceivedWebhook) => void;
}

export interface WebhookReceiver {
  url: string;
  port: number;
  received: ReceivedWebhook[];
  close(): Promise<void>;
}

/**
 * A real HTTP webhook receiver: the demo prints what it gets, tests assert on it. It checks
 * certwatch's HMAC signature the way a production receiver should (constant-time compare).
 */
export async function startWebhookReceiver(options: WebhookReceiverOptions = {}): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const entry: ReceivedWebhook = {
        path: req.url ?? "/",
        headers: req.headers,
        body,
        json: parseJson(body),
        signatureValid: options.secret === undefined ? null : verify(body, req.headers[SIGNATURE_HEADER.toLowerCase()], options.secret),
        status: 200,
      };
      entry.status = entry.signatureValid === false ? 401 : (options.answer?.(entry, received.length) ?? 200);
      received.push(entry);
      options.onReceive?.(entry);
      res.writeHead(entry.status, { "content-type": "text/plain" });
      res.end(entry.status < 300 ? "ok\n" : "no\n");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}/`,
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** One line per alert of an Alertmanager-format payload, for a terminal. */
export function describeWebhook(request: ReceivedWebhook): string[] {
  const payload = request.json as Partial<AlertmanagerWebhookPayload> | null;
  if (!payload?.alerts) return [`webhook ${request.path}: ${request.body.slice(0, 200)}`];
  return payload.alerts.map((a) => {
    const mark = a.status === "firing" ? "FIRING  " : "RESOLVED";
    const sev = (a.labels.severity ?? "").padEnd(8);
    return `${mark} ${sev} ${(a.labels.alertname ?? "").padEnd(28)} ${a.annotations.summary ?? ""}`;
  });
}

function verify(body: string, header: string | string[] | undefined, secret: string): boolean {
  const given = Buffer.from(Array.isArray(header) ? (header[0] ?? "") : (header ?? ""));
  const expected = Buffer.from(signBody(body, secret));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
