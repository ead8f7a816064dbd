/**
 * Shares one run of `fn` among every caller that arrives while it runs: 500 scrapes at once
 * cost one render, not 500 that each block the event loop in turn. The run starts on the next
 * turn of the event loop, not at once: a render that does not yield would otherwise finish
 * before the next request of the same burst is even read, and no one would ever share it.
 */
export function shareInFlight<T>(fn: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () => {
    running ??= new Promise<void>((resolve) => setImmediate(resolve))
      .then(fn)
      .finally(() => {
        running = null;
      });
    return running;
  };
}

/**
 * Runs `fn` one at a time. A caller that arrives during a run waits for it, then shares the
 * next run with everyone else who arrived meanwhile. So every caller gets a run that started
 * after it asked (a reload sees the file as it was when it was requested), and no more than
 * one run is ever waiting.
 */
export function oneAtATime<T>(fn: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let next: Promise<T> | null = null;
  const start = (): Promise<T> => {
    running = fn().finally(() => {
      running = null;
    });
    return running;
  };
  return () => {
    if (next) return next;
    if (!running) return start();
    next = running
      .catch(() => undefined)
      .then(() => {
        next = null;
        return start();
      });
    return next;
  };
}
