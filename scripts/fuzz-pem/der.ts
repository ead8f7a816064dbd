// DER helpers for the fuzzer: pull the bytes out of a PEM, put them back, and find the
// length fields worth corrupting.

const CERTIFICATE_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;

/** The DER of the first PEM block, or null when the text holds none. */
export function firstDer(pem: string): Buffer | null {
  const block = CERTIFICATE_BLOCK.exec(pem);
  return block ? Buffer.from(block[2]!.replace(/\s/g, ""), "base64") : null;
}

export function armor(der: Uint8Array, label = "CERTIFICATE"): string {
  const lines = Buffer.from(der).toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

export interface LengthField {
  /** Offset of the first length byte. */
  offset: number;
  /** How many bytes the length field takes. */
  size: number;
}

/** Every length field of the well-formed part of `der`, walking into constructed values. */
export function lengthFields(der: Uint8Array, limit = 2000): LengthField[] {
  const fields: LengthField[] = [];
  const walk = (start: number, end: number): void => {
    let at = start;
    while (at + 2 <= end && fields.length < limit) {
      const tag = der[at]!;
      const first = der[at + 1]!;
      const size = first < 0x80 ? 1 : 1 + (first & 0x7f);
      if (size > 5 || at + 1 + size > end) return;
      let length = first;
      if (first >= 0x80) {
        length = 0;
        for (let i = 2; i < 1 + size; i += 1) length = length * 256 + der[at + i]!;
      }
      const contentStart = at + 1 + size;
      if (contentStart + length > end) return;
      fields.push({ offset: at + 1, size });
      if (tag & 0x20) walk(contentStart, contentStart + length);
      at = contentStart + length;
    }
  };
  walk(0, der.length);
  return fields;
}

/** The DER encoding of a length. */
export function encodeLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return [0x80 | bytes.length, ...bytes];
}

/** `depth` SEQUENCEs nested inside each other, with correct definite lengths; built in linear time. */
export function nestedSequences(depth: number): Buffer {
  const contentLengths = [0];
  for (let i = 1; i < depth; i += 1) {
    const inner = contentLengths[i - 1]!;
    contentLengths.push(inner + 1 + encodeLength(inner).length);
  }
  const bytes: number[] = [];
  for (let i = depth - 1; i >= 0; i -= 1) bytes.push(0x30, ...encodeLength(contentLengths[i]!));
  return Buffer.from(bytes);
}

/** The same nesting with BER indefinite lengths, which DER forbids and lazy parsers recurse into. */
export function indefiniteSequences(depth: number): Buffer {
  return Buffer.concat([Buffer.from("3080".repeat(depth), "hex"), Buffer.alloc(depth * 2)]);
}
