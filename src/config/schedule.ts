import cron from "node-cron";

export const SCHEDULE_EXPECTED = 'a node-cron expression of 5 or 6 fields, e.g. "*/5 * * * *"';

/**
 * node-cron also takes macros such as "@daily" in some versions; the config promises plain
 * 5- or 6-field expressions so a file means the same thing whichever node-cron is installed.
 */
export function isValidSchedule(expression: string): boolean {
  const fields = expression.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) return false;
  return cron.validate(expression.trim());
}
