import cron from "node-cron";
import { z } from "zod";

/** The time between the schedule's next two runs: what "a few poll intervals" is measured in. */
export function scheduleIntervalMs(expression: string): number {
  const task = cron.createTask(expression, () => undefined);
  try {
    const [first, second] = task.getNextRuns(2);
    return first && second ? second.getTime() - first.getTime() : 300_000;
  } finally {
    void task.destroy();
  }
}

const SCHEDULE_EXPECTED = 'a node-cron expression of 5 or 6 fields, e.g. "*/5 * * * *"';

/**
 * node-cron also takes macros such as "@daily" in some versions; the config promises plain
 * 5- or 6-field expressions so a file means the same thing whichever node-cron is installed.
 */
export function cronSchedule(fallback: string) {
  const valid = (expression: string) => {
    const fields = expression.trim().split(/\s+/);
    return fields.length >= 5 && fields.length <= 6 && cron.validate(expression.trim());
  };
  return z
    .string({ error: SCHEDULE_EXPECTED })
    .refine(valid, { error: SCHEDULE_EXPECTED })
    .transform((expression) => expression.trim())
    .optional()
    .default(fallback);
}
