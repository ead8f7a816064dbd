/** The `reason` label of certwatch_source_errors_total: why a request to Cloudflare failed. */
export const ERROR_REASONS = [
  "unauthorized",
  "forbidden",
  "not_found",
  "rate_limited",
  "http_5xx",
  "timeout",
  "network",
  "invalid_response",
  "api_error",
  /** A paged list that contradicts itself (ignores `page`, counts that do not add up): stopped early. */
  "pagination",
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

export interface CloudflareErrorItem {
  code: number;
  message: string;
}

export class CloudflareApiError extends Error {
  override readonly name = "CloudflareApiError";
  constructor(
    readonly reason: ErrorReason,
    readonly endpoint: string,
    message: string,
    readonly status: number | null = null,
    readonly errors: CloudflareErrorItem[] = [],
  ) {
    super(message);
  }

  get codes(): number[] {
    return this.errors.map((e) => e.code);
  }
}

/**
 * Why a read from Cloudflare failed, as the source health and the discovery health record it.
 * Anything but a CloudflareApiError is an answer certwatch's mapping did not expect: it counts
 * as a bad answer.
 */
export function failureOf(error: unknown): { reason: ErrorReason; message: string } {
  if (error instanceof CloudflareApiError) return { reason: error.reason, message: error.message };
  return { reason: "invalid_response", message: error instanceof Error ? error.message : String(error) };
}

export function reasonForStatus(status: number): ErrorReason {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 408) return "timeout";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "http_5xx";
  return "api_error";
}
