import type { PemCache } from "../pem/pem-cache.js";
import { TimeSlice } from "../pem/time-slice.js";
import type { ZoneTarget } from "../sources/source.js";
import type { CertificateRecord, SourceItem, SourceName } from "./certificate-record.js";

/**
 * Places a source's items in their zone and parses their PEMs (once per distinct PEM). A source
 * may hold thousands of certificates, so the work is cut into slices that let the event loop
 * (health checks, metrics scrapes) run in between.
 */
export async function buildRecords(zone: ZoneTarget, source: SourceName, items: SourceItem[], pems: PemCache): Promise<CertificateRecord[]> {
  const slice = new TimeSlice();
  const records: CertificateRecord[] = [];
  for (const item of items) {
    await slice.checkpoint();
    // A blank PEM field is no PEM: the record then falls back to the API's date like any other.
    const pem = item.pem !== null && /\S/.test(item.pem) ? item.pem : null;
    const base = { ...item, pem, zoneId: zone.id, zoneName: zone.name, source };
    if (pem === null) {
      records.push({ ...base, parsed: null, parseError: null });
      continue;
    }
    const result = await pems.parse(pem, slice);
    records.push(result.ok ? { ...base, parsed: result.certificate, parseError: null } : { ...base, parsed: null, parseError: result.error });
  }
  return records;
}
