import { CERTIFICATE_TOO_LARGE, MAX_CERTIFICATE_DER_BYTES } from "./bundle-limits.js";
import { quoted } from "./printable.js";

const BEGIN = "-----BEGIN CERTIFICATE-----";
const END = "-----END CERTIFICATE-----";

/** Whitespace openssl tolerates around and inside PEM lines: indentation, trailing blanks, CRLF. */
const PEM_WHITESPACE = /[ \t\r\n\f\v]+/g;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const MAX_BASE64_CHARACTERS = Math.ceil(MAX_CERTIFICATE_DER_BYTES / 3) * 4;
/** Room for line breaks, indentation and trailing blanks around the base64 of the largest certificate. */
const MAX_BODY_CHARACTERS = 2 * MAX_BASE64_CHARACTERS;

export const TOO_MANY_BLOCKS = Symbol("too many certificate blocks");

/**
 * The text between each BEGIN CERTIFICATE and the next END CERTIFICATE line, in order; a BEGIN
 * without an END is ignored. Built on indexOf rather than a lazy regex so that a text holding
 * thousands of BEGIN lines and no END stays linear instead of rescanning to the end from each one.
 */
export function certificateBodies(pem: string, max: number): string[] | typeof TOO_MANY_BLOCKS {
  const bodies: string[] = [];
  let from = 0;
  for (;;) {
    const begin = pem.indexOf(BEGIN, from);
    if (begin < 0) break;
    const bodyStart = begin + BEGIN.length;
    const end = pem.indexOf(END, bodyStart);
    if (end < 0) break;
    if (bodies.length === max) return TOO_MANY_BLOCKS;
    bodies.push(pem.slice(bodyStart, end));
    from = end + END.length;
  }
  return bodies;
}

/** The DER bytes of one block's body; throws with a reason fit for an alert when it is not base64. */
export function decodeBody(body: string): Uint8Array<ArrayBuffer> {
  // Refused on the raw text first, so a huge block costs neither the whitespace pass nor the decode.
  if (body.length > MAX_BODY_CHARACTERS) throw new Error(CERTIFICATE_TOO_LARGE);
  const base64 = body.replace(PEM_WHITESPACE, "");
  if (base64 === "") throw new Error("PEM block holds no base64 data");
  if (base64.length > MAX_BASE64_CHARACTERS) throw new Error(CERTIFICATE_TOO_LARGE);
  if (!BASE64.test(base64) || base64.length % 4 !== 0) throw new Error(`PEM block is not valid base64${offendingCharacter(base64)}`);
  // A copy into a buffer of its own: small Buffers share a pool, and the parser takes whole ArrayBuffers.
  const der = new Uint8Array(Buffer.from(base64, "base64"));
  if (der.length > MAX_CERTIFICATE_DER_BYTES) throw new Error(CERTIFICATE_TOO_LARGE);
  return der;
}

function offendingCharacter(base64: string): string {
  const index = base64.search(/[^A-Za-z0-9+/=]/);
  if (index < 0) return "";
  return ` (unexpected ${quoted(String.fromCodePoint(base64.codePointAt(index)!))} after ${index} base64 characters)`;
}
