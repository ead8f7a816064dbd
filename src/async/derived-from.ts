/**
 * `derive` of what `read` gives, made again only when `read` gives something else (by identity):
 * for values a scrape needs that change with a sweep or a reload, not with every scrape.
 */
export function derivedFrom<T, R>(read: () => T, derive: (value: T) => R): () => R {
  let last: { of: T; value: R } | null = null;
  return () => {
    const of = read();
    if (last === null || last.of !== of) last = { of, value: derive(of) };
    return last.value;
  };
}
