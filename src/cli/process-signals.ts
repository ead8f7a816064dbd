type StopSignal = "SIGTERM" | "SIGINT";

/**
 * The daemon's signal handling, installed at launch before anything slow (module loading,
 * config, state, listening) so that a signal during startup is remembered instead of killing a
 * half-started process. SIGTERM/SIGINT ask for a clean stop; a second one ends the process at
 * once (the default action). SIGHUP asks for a reload; those that arrive before the daemon can
 * reload are run once it can.
 */
export class ProcessSignals {
  private received: StopSignal | null = null;
  private resolveStop!: (signal: StopSignal) => void;
  /** Resolves with the first SIGTERM or SIGINT. */
  readonly stopRequested: Promise<StopSignal> = new Promise((resolve) => (this.resolveStop = resolve));
  private reloadHandler: (() => void) | null = null;
  private reloadPending = false;

  private readonly onStop = (signal: StopSignal) => {
    this.received = signal;
    process.off("SIGTERM", this.onStop);
    process.off("SIGINT", this.onStop);
    this.resolveStop(signal);
  };

  private readonly onHangup = () => {
    if (this.received) return;
    if (this.reloadHandler) this.reloadHandler();
    else this.reloadPending = true;
  };

  static install(): ProcessSignals {
    const signals = new ProcessSignals();
    process.on("SIGTERM", signals.onStop);
    process.on("SIGINT", signals.onStop);
    process.on("SIGHUP", signals.onHangup);
    return signals;
  }

  /** The stop signal received so far, if any. */
  get stopSignal(): StopSignal | null {
    return this.received;
  }

  /** Runs `handler` on every SIGHUP from now on, and once now if one came in before. */
  onReload(handler: () => void): void {
    this.reloadHandler = handler;
    if (this.reloadPending && !this.received) handler();
    this.reloadPending = false;
  }
}
