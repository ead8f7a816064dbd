import type { IncomingMessage } from "node:http";

/** No endpoint reads a body; this much is still accepted (and discarded) from clients that send one. */
export const MAX_REQUEST_BODY_BYTES = 64 * 1024;

/**
 * Reads and discards the request body, never holding more than one chunk. Resolves false as soon
 * as the body is (or is declared) larger than `limit`; the caller then answers 413 and closes
 * the connection instead of reading the rest.
 */
export async function discardBodyWithin(req: IncomingMessage, limit: number): Promise<boolean> {
  const declared = Number(req.headers["content-length"] ?? 0);
  const chunked = req.headers["transfer-encoding"] !== undefined;
  if (!chunked && !(declared > 0)) return true;
  if (declared > limit) return false;
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (ok: boolean) => {
      req.off("data", count).off("end", ended).off("error", failed);
      // Stop reading; the caller closes the connection, which drops whatever is left unread.
      if (!ok) req.pause();
      resolve(ok);
    };
    const count = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limit) finish(false);
    };
    const ended = () => finish(true);
    // An aborted upload: nothing will be answered, but the route must not hang.
    const failed = () => finish(false);
    req.on("data", count).on("end", ended).on("error", failed);
  });
}
