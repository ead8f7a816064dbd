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

export function reasonForStatus(status: number): ErrorReason {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 408) return "timeout";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "http_5xx";
  return "api_error";
}
