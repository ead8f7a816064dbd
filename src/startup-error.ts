/**
 * A reason certwatch cannot start that the operator fixes outside the code (a busy port, an
 * unwritable directory): main.ts prints it as one line naming the config key, with no stack.
 * Anything else that escapes startup is a bug and keeps its stack.
 */
export class StartupError extends Error {
  override readonly name = "StartupError";

  constructor(
    /** What could not be done, e.g. "cannot listen on 127.0.0.1:9798". */
    readonly what: string,
    /** The config key that decides it, e.g. "server.listen". */
    readonly configKey: string,
    /** Why, in words, e.g. "address already in use". */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${what} (${configKey}): ${reason}`, options);
  }
}

const ERRNO_WORDS: Readonly<Record<string, string>> = {
  EADDRINUSE: "address already in use",
  EADDRNOTAVAIL: "address not available on this host",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOENT: "no such file or directory",
  ENOTDIR: "a path component is not a directory",
  EISDIR: "is a directory",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  ENOTFOUND: "host name not found",
};

/** A system error in words an operator reads ("permission denied"), else its own message. */
export function systemErrorWords(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code && ERRNO_WORDS[code]) return ERRNO_WORDS[code];
  return error instanceof Error ? error.message : String(error);
}
