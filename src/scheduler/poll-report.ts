import type { Logger } from "pino";
import type { DuplicateIds } from "../inventory/duplicate-ids.js";
import { targetLabels, type PollTarget, type SourceName } from "../model/index.js";
import { totalInvalid, type InvalidItems } from "../stores/invalid-items.js";

/**
 * One warning per (zone, source) and cycle for what a successful poll had to work around:
 * items skipped as unusable (how many, why, and the first), ids that came more than once, and
 * the store's own notes on the answer (a single-page list that says it has more pages).
 */
export function reportWorkarounds(
  logger: Logger,
  zone: PollTarget,
  source: SourceName,
  invalid: InvalidItems | undefined,
  duplicates: DuplicateIds | null,
  notes: readonly string[] = [],
): void {
  for (const note of notes) logger.warn({ ...targetLabels(zone), source }, note);
  const skipped = totalInvalid(invalid);
  if (invalid && skipped > 0) {
    logger.warn(
      { ...targetLabels(zone), source, invalid_items: skipped, by_reason: invalid.counts, example: invalid.example },
      `skipped ${skipped} unusable item${skipped === 1 ? "" : "s"} in the answer; using the rest`,
    );
  }
  if (duplicates) {
    logger.warn(
      { ...targetLabels(zone), source, duplicate_ids: duplicates.ids, items: duplicates.items },
      "the answer lists the same id more than once; each copy is kept as <id>#<fingerprint>",
    );
  }
}
