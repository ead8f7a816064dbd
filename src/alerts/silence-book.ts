import type { Logger } from "pino";
import type { SilenceConfig } from "../config/schema.js";
import type { Alert } from "./alert.js";
import { markSilenced, silenceFor } from "./silences.js";

/**
 * The configured silences, and which have expired. An expired silence is ignored and said so
 * once: at load or reload for one already past, else at the first evaluation after its until.
 */
export class SilenceBook {
  private silences: readonly SilenceConfig[] = [];
  private reported = new Set<SilenceConfig>();

  constructor(
    private readonly logger: Pick<Logger, "info">,
    silences: readonly SilenceConfig[],
    now: number,
  ) {
    this.replace(silences, now);
  }

  replace(silences: readonly SilenceConfig[], now: number): void {
    this.silences = silences;
    this.reported = new Set();
    this.reportExpired(now);
  }

  /** The alerts, each marked with the silence muting it now (or unmarked). */
  mark(alerts: readonly Alert[], now: number): Alert[] {
    this.reportExpired(now);
    return alerts.map((alert) => markSilenced(alert, this.silences, now));
  }

  isSilenced(alert: Alert, now: number): boolean {
    return silenceFor(alert, this.silences, now) !== undefined;
  }

  private reportExpired(now: number): void {
    this.silences.forEach((silence, index) => {
      if (now < silence.until.ms || this.reported.has(silence)) return;
      this.reported.add(silence);
      this.logger.info(
        { silence: index, matchers: silence.matchers, until: silence.until.text, comment: silence.comment },
        "silence expired; its alerts are sent again (remove it from alerts.silences)",
      );
    });
  }
}
