import type { PemCache } from "../pem/pem-cache.js";
import type { ZoneTarget } from "../sources/source.js";
import type { CertificateRecord, SourceItem, SourceName } from "./certificate-record.js";

/** Places a source's items in their zone and parses their PEMs (once per distinct PEM). */
export function buildRecords(zone: ZoneTarget, source: SourceName, items: SourceItem[], pems: PemCache): CertificateRecord[] {
  return items.map((item) => {
    // A blank PEM field is no PEM: the record then falls back to the API's date like any other.
    const pem = item.pem !== null && item.pem.trim() !== "" ? item.pem : null;
    const base = { ...item, pem, zoneId: zone.id, zoneName: zone.name, source };
    if (pem === null) return { ...base, parsed: null, parseError: null };
    const result = pems.parse(pem);
    return result.ok
      ? { ...base, parsed: result.certificate, parseError: null }
      : { ...base, parsed: null, parseError: result.error };
  });
}
