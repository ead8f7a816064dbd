import { mkdir, open, readFile, rename } from "node:fs/promises";
import { dirname, join } from "node:path";

/**
 * One JSON document on disk, replaced atomically: written to a temp file, fsynced, renamed over
 * the old one, and the directory fsynced, so a crash (even `kill -9` or power loss) leaves
 * either the old or the new document, never half of one. Writes are serialized.
 */
export class StateFile<T> {
  private chain: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  static in<T>(dir: string, name: string): StateFile<T> {
    return new StateFile<T>(join(dir, name));
  }

  /** The stored document, or null when there is none yet. Throws on unreadable JSON. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
    return JSON.parse(text) as T;
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
    const next = this.chain.then(() => this.replace(text));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async replace(text: string): Promise<void> {
    const dir = dirname(this.path);
    await mkdir(dir, { recursive: true });
    const temp = `${this.path}.tmp-${process.pid}`;
    const file = await open(temp, "w", 0o600);
    try {
      await file.writeFile(text, "utf8");
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, this.path);
    const directory = await open(dir, "r");
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  }
}
