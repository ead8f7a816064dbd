import { mkdir, open, readFile, rename } from "node:fs/promises";
import { dirname, join } from "node:path";

/** Puts `text` at `path` durably; StateFile's own is atomic, tests inject failing ones. */
export type StateWriter = (path: string, text: string) => Promise<void>;

/**
 * One JSON document on disk, replaced atomically (see writeAtomically). Writes are serialized.
 * The document read back is `unknown`: what is on disk is checked by the caller, not trusted.
 */
export class StateFile<T> {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly writer: StateWriter = writeAtomically,
  ) {}

  static in<T>(dir: string, name: string, writer?: StateWriter): StateFile<T> {
    return new StateFile<T>(join(dir, name), writer);
  }

  /**
   * The stored document, or null when there is no file yet (a file holding JSON `null` gives
   * `{ document: null }`). Throws SyntaxError on text that is not JSON.
   */
  async read(): Promise<{ document: unknown } | null> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
    return { document: JSON.parse(text) as unknown };
  }

  /** Renames the current document out of the way (e.g. an unreadable one); returns its new path. */
  async setAside(): Promise<string> {
    const kept = `${this.path}.corrupt-${Date.now()}`;
    await rename(this.path, kept);
    return kept;
  }

  /** Queues a write of `document` (serialized now) and resolves once it is durable. */
  write(document: T): Promise<void> {
    const text = JSON.stringify(document);
    const next = this.chain.then(() => this.writer(this.path, text));
    this.chain = next.catch(() => undefined);
    return next;
  }
}

/**
 * Written to a temp file, fsynced, renamed over the old one, and the directory fsynced, so a
 * crash (even `kill -9` or power loss) leaves either the old or the new document, never half of one.
 */
export async function writeAtomically(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = `${path}.tmp-${process.pid}`;
  const file = await open(temp, "w", 0o600);
  try {
    await file.writeFile(text, "utf8");
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temp, path);
  const directory = await open(dir, "r");
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
