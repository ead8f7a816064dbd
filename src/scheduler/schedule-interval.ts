import cron from "node-cron";

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
