// Items filed under a tuple of strings (zone id, source, cert id, hostname), found again without
// building a key string per lookup. Ranking the status page looks up every record, 100,000 for a
// SaaS zone; a fresh key string for each is garbage the collector must sweep while the rows
// being ranked are all still alive, which made ranking ten times slower than its actual work.
type Level<T> = Map<string, Level<T> | T[]>;

export class LabelTupleIndex<T> {
  private readonly root: Level<T> = new Map();

  /** Files `item` under `path` and returns the group it joined (the same array for an equal path). */
  add(path: readonly string[], item: T): T[] {
    let level = this.root;
    for (let i = 0; i < path.length - 1; i += 1) {
      let next = level.get(path[i]!) as Level<T> | undefined;
      if (!next) {
        next = new Map();
        level.set(path[i]!, next);
      }
      level = next;
    }
    const last = path[path.length - 1]!;
    const group = level.get(last) as T[] | undefined;
    if (group) {
      group.push(item);
      return group;
    }
    const created = [item];
    level.set(last, created);
    return created;
  }

  /** The group filed under exactly this path; a shorter or longer path finds nothing. */
  get(a: string, b: string, c?: string, d?: string): readonly T[] | undefined {
    let found: Level<T> | T[] | undefined = this.root;
    for (const part of [a, b, c, d]) {
      if (part === undefined) break;
      if (found === undefined || Array.isArray(found)) return undefined;
      found = found.get(part);
    }
    return Array.isArray(found) ? found : undefined;
  }
}
