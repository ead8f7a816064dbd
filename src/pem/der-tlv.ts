/** Just enough DER to walk a certificate: tag, length, and where the value ends. */
export interface Tlv {
  tag: number;
  contentStart: number;
  end: number;
}

export function expect(der: Uint8Array, offset: number, limit: number, tag: number, what: string): Tlv {
  const tlv = readTlv(der, offset, limit);
  if (tlv.tag !== tag) throw new Error(`DER: ${what} has tag 0x${tlv.tag.toString(16)}, expected 0x${tag.toString(16)}`);
  return tlv;
}

/** One DER tag-length-value header; its length must fit inside the enclosing value. */
export function readTlv(der: Uint8Array, offset: number, limit: number): Tlv {
  if (offset + 2 > limit) throw new Error("DER: truncated before a value");
  const tag = der[offset]!;
  const lengthByte = der[offset + 1]!;
  let contentStart = offset + 2;
  let length = lengthByte;
  if (lengthByte >= 0x80) {
    const count = lengthByte & 0x7f;
    // DER has no indefinite length (0x80), and no certificate needs more than 4 length bytes.
    if (count === 0 || count > 4) throw new Error(`DER: unsupported length form 0x${lengthByte.toString(16)}`);
    if (contentStart + count > limit) throw new Error("DER: truncated length");
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + der[contentStart + i]!;
    contentStart += count;
  }
  if (contentStart + length > limit) throw new Error(`DER: a length of ${length} runs past the end of its container`);
  return { tag, contentStart, end: contentStart + length };
}
