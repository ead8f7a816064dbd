import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { NOTIFICATION_ID_HEADER } from "../../../src/sinks/sink.js";
import { freePort } from "../../helpers/free-port.js";

/** How the receiver behaves: accept, fail with 500, never answer, or not listen at all. */
export type ReceiverMode = "ok" | "500" | "hang" | "down";

export interface Received {
  path: string;
  /** X-Certwatch-Notification-Id. */
  id: string;
  json: any;
  /** The status answered, or "hung" for a request left unanswered. */
  status: number | "hung";
}

/**
 * A webhook receiver whose failure mode a test switches at will, on one fixed port, so a
 * sender sees a real refused connection, a real 500 and a real silence.
 */
export class FlakyReceiver {
  readonly received: Received[] = [];
  private server: Server | null = null;
  private hanging: ServerResponse[] = [];

  private constructor(
    readonly port: number,
    private mode: ReceiverMode,
  ) {}

  static async start(mode: ReceiverMode = "ok"): Promise<FlakyReceiver> {
    const receiver = new FlakyReceiver(await freePort(), mode);
    if (mode !== "down") await receiver.listen(receiver.port);
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async setMode(mode: ReceiverMode): Promise<void> {
    const before = this.mode;
    this.mode = mode;
    if (mode === "down" && before !== "down") await this.closeServer();
    if (mode !== "down" && before === "down") await this.listen(this.port);
    // Requests left hanging stay unanswered: the sender's timeout is what ends them.
  }

  /** Ids of requests answered 200, in order. */
  accepted(path?: string): string[] {
    return this.received.filter((r) => r.status === 200 && (path === undefined || r.path === path)).map((r) => r.id);
  }

  async close(): Promise<void> {
    for (const response of this.hanging.splice(0)) response.destroy();
    await this.closeServer();
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const header = req.headers[NOTIFICATION_ID_HEADER.toLowerCase()];
      const entry: Received = {
        path: req.url ?? "/",
        id: Array.isArray(header) ? (header[0] ?? "") : (header ?? ""),
        json: JSON.parse(Buffer.concat(chunks).toString("utf8")),
        status: this.mode === "hang" ? "hung" : this.mode === "500" ? 500 : 200,
      };
      this.received.push(entry);
      if (entry.status === "hung") {
        this.hanging.push(res);
        return;
      }
      res.writeHead(entry.status, { "content-type": "text/plain" });
      res.end(entry.status === 200 ? "ok\n" : "no\n");
    });
  }

  private async listen(port: number): Promise<void> {
    const server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    this.server = server;
  }

  private async closeServer(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
