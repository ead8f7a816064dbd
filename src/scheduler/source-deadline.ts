import { linkedSignal } from "../async/linked-signal.js";

/**
 * Runs one source poll under a time limit: its requests get a signal that aborts on the cycle's
 * signal or at the deadline, and the poll is given up at the deadline even if something inside
 * it does not listen, so one slow source never holds up the rest of the cycle.
 */
export async function withDeadline<T>(cycle: AbortSignal, timeoutMs: number, run: (signal: AbortSignal) => Promise<T>): Promise<{ value: T } | { timedOut: true } | { error: unknown }> {
  const timeout = AbortSignal.timeout(timeoutMs);
  // Not AbortSignal.any: on Node 20 that leaves an entry on the cycle's signal for every poll (linked-signal.ts).
  const { signal, dispose } = linkedSignal([cycle, timeout]);
  try {
    return { value: await untilAborted(run(signal), signal) };
  } catch (error) {
    // The cycle's own abort (shutdown) wins over the deadline: that poll is not the source's fault.
    if (timeout.aborted && !cycle.aborted) return { timedOut: true };
    return { error };
  } finally {
    dispose();
  }
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
