import type { ServerResponse } from "node:http";

/** Small enough that one slice to each of hundreds of scrapers leaves room for other requests. */
const SLICE_BYTES = 64 * 1024;

/**
 * Sends a large body a slice at a time, letting other requests through between slices. One
 * `res.end(body)` copies all of it into the socket at once, and 500 scrapes of a few MB each
 * would hold the event loop (and /healthz with it) for seconds. Waits for 'drain' when the
 * client reads slower than we write.
 */
export async function sendInSlices(res: ServerResponse, body: Buffer): Promise<void> {
  for (let offset = 0; offset < body.length && !res.destroyed; offset += SLICE_BYTES) {
    const flushed = res.write(body.subarray(offset, offset + SLICE_BYTES));
    if (flushed) await new Promise((resolve) => setImmediate(resolve));
    else await drainedOrClosed(res);
  }
  // A client that went away mid-body gets nothing more.
  if (!res.destroyed) res.end();
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done).off("close", done);
      resolve();
    };
    res.on("drain", done).on("close", done);
  });
}
