/**
 * Caps on one certificate object. A real chain is a handful of certificates and a few KiB; the
 * caps keep a hostile or broken object from costing more than a bounded slice of parsing.
 */
export const MAX_CERTIFICATES_PER_BUNDLE = 64;
export const MAX_BUNDLE_BYTES = 1024 * 1024;

/**
 * Per certificate, because the parser's time grows with the DER it reads and one certificate is
 * parsed without a break: a 1 MiB block held the event loop ~100 ms, a 64 KiB one (about 1,500
 * SANs) stays far inside the 50 ms allowed. Real certificates are a few KiB.
 */
export const MAX_CERTIFICATE_DER_BYTES = 64 * 1024;

export const BUNDLE_TOO_LARGE = "bundle too large";
export const TOO_MANY_CERTIFICATES = `${BUNDLE_TOO_LARGE}: more than ${MAX_CERTIFICATES_PER_BUNDLE} certificates`;
export const CERTIFICATE_TOO_LARGE = `certificate too large: over ${MAX_CERTIFICATE_DER_BYTES / 1024} KiB of DER`;

/** The reason a PEM is refused before any scanning, or null when its size is acceptable. */
export function oversizeReason(pem: string): string | null {
  // A UTF-16 code unit never encodes to fewer than one UTF-8 byte, so a long string is refused
  // without walking it; only strings that might fit pay for the exact byte count.
  if (pem.length > MAX_BUNDLE_BYTES || Buffer.byteLength(pem, "utf8") > MAX_BUNDLE_BYTES) {
    return `${BUNDLE_TOO_LARGE}: over ${MAX_BUNDLE_BYTES} bytes (1 MiB)`;
  }
  return null;
}
