import type { ServerResponse } from "node:http";

/** Small enough that one slice to each of hundreds of scrapers leaves room for other requests. */
const SLICE_BYTES = 64 * 1024;
/**
 * Slices written per turn of the event loop, over all responses together (1 MiB). A write to
 * a loopback or LAN socket costs about as much as a copy of its bytes, and 500 scrapes each
 * writing a slice in the same turn held the loop for hundreds of milliseconds; a shared
 * budget keeps every turn short, so /healthz is answered between turns whatever the load.
 */
const SLICES_PER_TURN = 16;

/**
 * Sends a large body a slice at a time, letting other requests through between slices. One
 * `res.end(body)` copies all of it into the socket at once, and 500 scrapes of a few MB each
 * would hold the event loop (and /healthz with it) for seconds. Waits for 'drain' when the
 * client reads slower than we write. Several parts are sent one after the other, as one body;
 * slices are views of the parts, never copies.
 */
export async function sendInSlices(res: ServerResponse, body: Buffer | readonly Buffer[]): Promise<void> {
  const parts = Buffer.isBuffer(body) ? [body] : body;
  let part = 0;
  let offset = 0;
  while (part < parts.length && !res.destroyed) {
    await turnToWrite();
    if (res.destroyed) break;
    // One slice's worth, across as many small parts as it takes, handed to the socket at once.
    let budget = SLICE_BYTES;
    let flushed = true;
    res.cork();
    while (budget > 0 && part < parts.length) {
      const current = parts[part]!;
      const end = Math.min(current.length, offset + budget);
      if (end > offset) {
        const accepted = res.write(current.subarray(offset, end));
        flushed = flushed && accepted;
      }
      budget -= end - offset;
      offset = end;
      if (offset >= current.length) {
        part += 1;
        offset = 0;
      }
    }
    res.uncork();
    if (!flushed) await drainedOrClosed(res);
  }
  // A client that went away mid-body gets nothing more.
  if (!res.destroyed) res.end();
}

/** Writers waiting for a turn, first come first served. */
const waiting: Array<() => void> = [];
let grantScheduled = false;

function turnToWrite(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!grantScheduled) {
      grantScheduled = true;
      setImmediate(grantTurn);
    }
  });
}

function grantTurn(): void {
  grantScheduled = false;
  for (const resolve of waiting.splice(0, SLICES_PER_TURN)) resolve();
  if (waiting.length > 0) {
    grantScheduled = true;
    setImmediate(grantTurn);
  }
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
