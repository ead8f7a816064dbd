/**
 * Epoch milliseconds as RFC 3339 in UTC ("2024-05-01T12:00:00.000Z"): the timestamp form the
 * Alertmanager API and webhook payload, and PagerDuty's `payload.timestamp`, all take.
 */
export function rfc3339(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
