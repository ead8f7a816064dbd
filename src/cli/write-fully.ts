import type { Writable } from "node:stream";

/**
 * Writes `text` and resolves once the stream has handed all of it to the OS. Writes to a pipe
 * are asynchronous: exiting right after write() keeps only the first 64 KiB. A reader that went
 * away (EPIPE, e.g. `| head`) is not an error here: there is nobody left to tell.
 */
export function writeFully(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve) => {
    const ignore = () => undefined;
    stream.on("error", ignore);
    stream.write(text, () => {
      stream.off("error", ignore);
      resolve();
    });
  });
}
