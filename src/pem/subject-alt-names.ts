import { readTlv } from "./der-tlv.js";
import { x509 } from "./x509.js";

/** GeneralName choices that are plain IA5Strings, named as @peculiar/x509 names them. */
const STRING_NAMES: Record<number, string> = { 0x81: "email", 0x82: "dns", 0x86: "url" };

/**
 * The leaf's subjectAltNames as "type:value", from the raw GeneralNames of the extension.
 * DNS names, emails and URIs in printable ASCII (nearly every certificate) are read directly:
 * the library spends ~15 µs a name, so a 1,500-name certificate held the event loop ~25 ms.
 * Anything else goes through the library, which also decides what an odd name means.
 */
export function subjectAltNames(generalNames: Uint8Array<ArrayBuffer> | null): string[] {
  if (!generalNames) return [];
  return plainNames(generalNames) ?? new x509.GeneralNames(generalNames).toJSON().map((n) => `${n.type}:${n.value}`);
}

function plainNames(der: Uint8Array): string[] | null {
  try {
    const list = readTlv(der, 0, der.length);
    if (list.tag !== 0x30 || list.end !== der.length) return null;
    const names: string[] = [];
    for (let next = list.contentStart; next < list.end; ) {
      const name = readTlv(der, next, list.end);
      const type = STRING_NAMES[name.tag];
      const value = der.subarray(name.contentStart, name.end);
      if (!type || !value.every((b) => b >= 0x20 && b <= 0x7e)) return null;
      names.push(`${type}:${Buffer.from(value).toString("latin1")}`);
      next = name.end;
    }
    return names;
  } catch {
    return null;
  }
}
