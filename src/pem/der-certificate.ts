import { expect, readTlv, type Tlv } from "./der-tlv.js";

/**
 * Reads the few certificate fields certwatch checks itself straight from the DER: the validity
 * times as the text the CA wrote (the library hands back Dates already rolled over), and the
 * raw subjectAltName value (the library re-encodes every extension to find one).
 *
 *   Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL, serialNumber,
 *     signature, issuer, validity SEQUENCE { notBefore, notAfter }, subject, subjectPublicKeyInfo,
 *     [1] issuerUniqueID OPTIONAL, [2] subjectUniqueID OPTIONAL, [3] extensions OPTIONAL }, ... }
 */
export interface RawTime {
  tag: number;
  /** The bytes of the time as Latin-1 text; at most MAX_TIME_BYTES long. */
  text: string;
  length: number;
}

export interface CertificateFields {
  notBefore: RawTime;
  notAfter: RawTime;
  /** The DER of the GeneralNames inside the subjectAltName extension, when there is one. */
  subjectAltName: Uint8Array<ArrayBuffer> | null;
}

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const OBJECT_IDENTIFIER = 0x06;
const BOOLEAN = 0x01;
const OCTET_STRING = 0x04;
const VERSION = 0xa0;
const EXTENSIONS = 0xa3;
const SUBJECT_ALT_NAME_OID = [0x55, 0x1d, 0x11]; // 2.5.29.17
/** A time is 13 or 15 bytes; anything much longer is not one and is not worth copying. */
const MAX_TIME_BYTES = 32;

export function readCertificateFields(der: Uint8Array): CertificateFields {
  const certificate = expect(der, 0, der.length, SEQUENCE, "certificate");
  const tbs = expect(der, certificate.contentStart, certificate.end, SEQUENCE, "tbsCertificate");
  let next = tbs.contentStart;
  if (readTlv(der, next, tbs.end).tag === VERSION) next = readTlv(der, next, tbs.end).end;
  for (const [tag, what] of [[INTEGER, "serialNumber"], [SEQUENCE, "signature algorithm"], [SEQUENCE, "issuer"]] as const) {
    next = expect(der, next, tbs.end, tag, what).end;
  }
  const validity = expect(der, next, tbs.end, SEQUENCE, "validity");
  const notBefore = readTlv(der, validity.contentStart, validity.end);
  const notAfter = readTlv(der, notBefore.end, validity.end);
  next = expect(der, validity.end, tbs.end, SEQUENCE, "subject").end;
  next = expect(der, next, tbs.end, SEQUENCE, "subjectPublicKeyInfo").end;
  let subjectAltName: Uint8Array<ArrayBuffer> | null = null;
  while (next < tbs.end) {
    const field = readTlv(der, next, tbs.end);
    if (field.tag === EXTENSIONS) subjectAltName = findSubjectAltName(der, field);
    next = field.end;
  }
  return { notBefore: rawTime(der, notBefore), notAfter: rawTime(der, notAfter), subjectAltName };
}

function findSubjectAltName(der: Uint8Array, extensions: Tlv): Uint8Array<ArrayBuffer> | null {
  const list = expect(der, extensions.contentStart, extensions.end, SEQUENCE, "extensions");
  for (let next = list.contentStart; next < list.end; ) {
    const extension = expect(der, next, list.end, SEQUENCE, "extension");
    next = extension.end;
    const id = expect(der, extension.contentStart, extension.end, OBJECT_IDENTIFIER, "extension id");
    if (!sameBytes(der.subarray(id.contentStart, id.end), SUBJECT_ALT_NAME_OID)) continue;
    let value = readTlv(der, id.end, extension.end);
    if (value.tag === BOOLEAN) value = readTlv(der, value.end, extension.end);
    if (value.tag !== OCTET_STRING) throw new Error("DER: subjectAltName holds no OCTET STRING");
    return der.slice(value.contentStart, value.end);
  }
  return null;
}

function rawTime(der: Uint8Array, tlv: Tlv): RawTime {
  const length = tlv.end - tlv.contentStart;
  const text = String.fromCharCode(...der.subarray(tlv.contentStart, tlv.contentStart + Math.min(length, MAX_TIME_BYTES)));
  return { tag: tlv.tag, text, length };
}

function sameBytes(bytes: Uint8Array, expected: readonly number[]): boolean {
  return bytes.length === expected.length && expected.every((b, i) => bytes[i] === b);
}
