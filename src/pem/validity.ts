import type { CertificateFields, RawTime } from "./der-certificate.js";
import type { AsnTimeKind } from "./x509-time.js";
import { InvalidTimeError, parseAsnTime } from "./x509-time.js";

export interface Validity {
  notBefore: number; // epoch ms
  notAfter: number; // epoch ms
}

const TIME_KINDS: Record<number, AsnTimeKind> = { 0x17: "UTCTime", 0x18: "GeneralizedTime" };

/** The validity period; throws naming the field and what is impossible about it. */
export function validityOf(fields: CertificateFields): Validity {
  return { notBefore: epochOf(fields.notBefore, "notBefore"), notAfter: epochOf(fields.notAfter, "notAfter") };
}

function epochOf(time: RawTime, field: string): number {
  const kind = TIME_KINDS[time.tag];
  if (!kind) throw new Error(`${field} is not a UTCTime or GeneralizedTime (tag 0x${time.tag.toString(16)})`);
  if (time.length !== time.text.length) throw new Error(`${field} is not a valid date (${kind} of ${time.length} bytes)`);
  try {
    return parseAsnTime(kind, time.text);
  } catch (error) {
    if (error instanceof InvalidTimeError) throw new Error(`${field} is not a valid date (${error.message})`);
    throw error;
  }
}
