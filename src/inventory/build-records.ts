import type { PemCache } from "../pem/pem-cache.js";
import { TimeSlice } from "../pem/time-slice.js";
import type { PollTarget } from "../model/index.js";
import type { CertificateRecord, SourceItem, SourceName } from "../model/index.js";

/**
 * Places a source's items in their zone and parses their PEMs (once per distinct PEM). A source
 * may hold thousands of certificates, so the work is cut into slices that let the event loop
 * (health checks, metrics scrapes) run in between.
 */
export async function buildRecords(zone: PollTarget, source: SourceName, items: SourceItem[], pems: PemCache): Promise<CertificateRecord[]> {
  const slice = new TimeSlice();
  const records: CertificateRecord[] = [];
  for (const item of items) {
    await slice.checkpoint();
    // A blank PEM field is no PEM: the record then falls back to the API's date like any other.
    const pem = item.pem !== null && /\S/.test(item.pem) ? item.pem : null;
    if (pem === null) {
      records.push(record(item, null, zone, source, null, null));
      continue;
    }
    // The cache's copy of the text: equal to this one, and shared by every record of the certificate.
    const shared = pems.parseShared(pem, slice);
    const result = await shared.result;
    records.push(result.ok ? record(item, shared.pem, zone, source, result.certificate, null) : record(item, shared.pem, zone, source, null, result.error));
  }
  return records;
}

/**
 * One record, built in one allocation with one shape for every record (a zone may hold 100,000):
 * the item's own strings and attributes are shared, not copied.
 */
function record(item: SourceItem, pem: string | null, zone: PollTarget, source: SourceName, parsed: CertificateRecord["parsed"], parseError: string | null): CertificateRecord {
  return {
    certId: item.certId,
    hostname: item.hostname,
    status: item.status,
    apiExpiresOn: item.apiExpiresOn,
    pem,
    apiIssuer: item.apiIssuer,
    attributes: item.attributes,
    zoneId: zone.id,
    zoneName: zone.name,
    // Present (undefined for a zone) on every record, so every record keeps the same shape.
    scope: zone.scope,
    source,
    parsed,
    parseError,
  };
}
