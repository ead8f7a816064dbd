import type { ServerResponse } from "node:http";

/**
 * Bytes written per turn of the event loop, over all responses together. A write to a loopback
 * or LAN socket costs about as much as a copy of its bytes (some 0.5 ms a MiB), and 500 scrapes
 * each writing in the same turn held the loop for hundreds of milliseconds; a shared budget
 * keeps every turn short, so /healthz is answered between turns whatever the load.
 */
const TURN_BYTES = 2 * 1024 * 1024;
/** The least a writer sends in its turn: with hundreds waiting, each still makes headway. */
const MIN_SLICE_BYTES = 64 * 1024;
/** Writers granted one turn: their least slices fill the turn's budget. */
const WRITERS_PER_TURN = TURN_BYTES / MIN_SLICE_BYTES;

/**
 * Sends a large body a slice at a time, letting other requests through between slices. One
 * `res.end(body)` copies all of it into the socket at once, and 500 scrapes of a few MB each
 * would hold the event loop (and /healthz with it) for seconds. The turn's budget is shared by
 * the writers granted it: a scrape alone sends up to 2 MiB at once (the whole body at 1,000
 * zones), since every slice costs a system call, a wait for 'drain' and a turn, and 64 KiB
 * slices cost a lone 1.8 MB scrape twice the CPU of one write. Waits for 'drain' when the
 * client reads slower than we write. Several parts are sent one after the other, as one body;
 * slices are views of the parts, never copies.
 */
export async function sendInSlices(res: ServerResponse, body: Buffer | readonly Buffer[]): Promise<void> {
  const parts = Buffer.isBuffer(body) ? [body] : body;
  let part = 0;
  let offset = 0;
  while (part < parts.length && !res.destroyed) {
    let budget = await turnToWrite();
    if (res.destroyed) break;
    // This turn's share, across as many parts as it takes, handed to the socket at once.
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

/** Writers waiting for a turn, first come first served; each is told its share of the turn in bytes. */
const waiting: Array<(bytes: number) => void> = [];
let grantScheduled = false;

function turnToWrite(): Promise<number> {
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
  const granted = waiting.splice(0, WRITERS_PER_TURN);
  const share = Math.floor(TURN_BYTES / granted.length);
  for (const resolve of granted) resolve(share);
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
