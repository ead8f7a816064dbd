// Fills an inventory the size of a large account without minting a certificate per record:
// a pool of minted PEMs is parsed once and shared, ids and hostnames make each record distinct.
import type { CertificateRecord, SourceName } from "../../src/model/index.js";
import type { Inventory } from "../../src/inventory/inventory.js";
import type { ParsedCertificate } from "../../src/model/index.js";
import { parsePem } from "../../src/pem/parse-pem.js";
import { mintCertificate } from "../../dev/simulator/mint.js";

const DAY = 86_400_000;
const POOL = 40;

/** The sources a zone's records cycle through, and whether each carries a PEM or only the API's date. */
const MIX: Array<[SourceName, "pem" | "api"]> = [
  ["aop_hostname_cert", "pem"],
  ["aop_hostname", "pem"],
  ["trust_store", "pem"],
  ["custom_certificate", "api"],
  ["certificate_pack", "api"],
  ["custom_hostname", "api"],
];

export interface Pool {
  pems: Array<{ pem: string; parsed: ParsedCertificate }>;
}

export async function mintPool(now: number): Promise<Pool> {
  const pems = await Promise.all(
    Array.from({ length: POOL }, async (_, i) => {
      const minted = await mintCertificate({
        commonName: `bench-${i}.example.com`,
        notBefore: new Date(now - 30 * DAY),
        notAfter: new Date(now + (10 + i * 5) * DAY),
        sans: [`bench-${i}.example.com`],
      });
      const result = await parsePem(minted.pem);
      if (!result.ok) throw new Error(result.error);
      return { pem: minted.pem, parsed: result.certificate };
    }),
  );
  return { pems };
}

/** Fills `inventory` with `total` records over `zones` zones, each zone as one poll of each source. */
export function fillInventory(inventory: Inventory, pool: Pool, zones: number, total: number, now: number): void {
  const perZone = Math.floor(total / zones);
  const extra = total - perZone * zones;
  let n = 0;
  for (let z = 0; z < zones; z++) {
    const zone = { id: z.toString(16).padStart(32, "0"), name: `zone-${z}.example`, hostnames: [] };
    const bySource = new Map<SourceName, CertificateRecord[]>();
    const count = perZone + (z < extra ? 1 : 0);
    for (let k = 0; k < count; k++) {
      const [source, dated] = MIX[k % MIX.length]!;
      const { pem, parsed } = pool.pems[n++ % pool.pems.length]!;
      const hostname = source === "aop_hostname" || source === "custom_hostname" ? `host-${k}.${zone.name}` : "";
      const record: CertificateRecord = {
        zoneId: zone.id,
        zoneName: zone.name,
        source,
        certId: `${zone.id.slice(-6)}-${k}-${"0123456789abcdef".repeat(2)}`,
        hostname,
        status: "active",
        apiExpiresOn: parsed.notAfter,
        pem: dated === "pem" ? pem : null,
        apiIssuer: null,
        attributes: source === "aop_hostname" ? { enabled: true } : source === "custom_hostname" ? { hostname_status: "active" } : {},
        parsed: dated === "pem" ? parsed : null,
        parseError: null,
      };
      bySource.set(source, [...(bySource.get(source) ?? []), record]);
    }
    for (const [source, records] of bySource) inventory.recordSuccess(zone, source, records, now);
  }
}
