import type { PemCache } from "../pem/pem-cache.js";
import type { ZoneTarget } from "../sources/source.js";
import type { CertificateRecord, SourceItem, SourceName } from "./certificate-record.js";

/** Places a source's items in their zone and parses their PEMs (once per distinct PEM). */
export function buildRecords(zone: ZoneTarget, source: SourceName, items: SourceItem[], pems: PemCache): CertificateRecord[] {
  return items.map((item) => {
    const base = { ...item, zoneId: zone.id, zoneName: zone.name, source };
    if (item.pem === null || item.pem.trim() === "") return { ...base, parsed: null, parseError: null };
    const result = pems.parse(item.pem);
    return result.ok
      ? { ...base, parsed: result.certificate, parseError: null }
      : { ...base, parsed: null, parseError: result.error };
  });
}
