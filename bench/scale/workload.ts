// The simulated accounts of `npm run bench:scale`: N zones of M certificate objects, or one SaaS
// zone of many custom hostnames. Minting costs ~15 ms a certificate, so PEM-bearing objects come
// from a few template zones (minted once) cloned under new names; custom-uploaded custom
// hostnames share one PEM per distinct daysLeft. The distinct-PEM count is reported: it decides
// how much parsing the PEM cache saves.
import { buildState, type CertSpec, type ZoneSpec } from "../../dev/simulator/scenario.js";
import { bulkCustomHostnames, type CustomHostnameSpec } from "../../src/stores/custom-hostname/scenario.sim.js";
import type { SimState, SimZone } from "../../dev/simulator/state.js";

export interface Workload {
  state: SimState;
  /** Per zone (same order as state.zones): the hostnames the config names for per-hostname AOP. */
  hostnames: string[][];
  objects: number;
  distinctPems: number;
  pemObjects: number;
}

/** Share of each store in a zone of M objects (custom hostnames take the rest). */
const MIX = { trustStore: 0.02, hostnameCertificates: 0.04, associations: 0.02, aopZoneCertificates: 0.02, customCertificates: 0.1, certificatePacks: 0.1 };
/** Template zones minted; clones cycle through them. */
const TEMPLATES = 50;
const DOMAIN = "bench.test";

/** Days left spread over 2..121, about one in eight inside the default warning band. */
function daysLeft(seed: number): number {
  return seed % 8 === 0 ? 2 + (seed % 28) : 30 + (seed % 92);
}

export async function zonesWorkload(zones: number, objectsPerZone: number): Promise<Workload> {
  const templateCount = Math.min(zones, Math.max(1, Math.floor(TEMPLATES / Math.max(1, Math.ceil(objectsPerZone / 40)))));
  const templates = Array.from({ length: templateCount }, (_, t) => templateZone(t, objectsPerZone));
  const built = await buildState({ zones: templates.map((t) => t.spec) });
  const zoneList: SimZone[] = [];
  const hostnames: string[][] = [];
  for (let i = 0; i < zones; i += 1) {
    const t = i % templateCount;
    const template = templates[t]!;
    const name = `zone-${String(i).padStart(4, "0")}.${DOMAIN}`;
    const id = zoneId(i);
    // Names and the zone id are rewritten in the JSON; the PEM strings stay shared.
    const text = JSON.stringify(built.zones[t]).replaceAll(template.spec.name, name).replaceAll(template.spec.id!, id);
    zoneList.push(JSON.parse(text) as SimZone);
    hostnames.push(template.hostnames.map((h) => h.replace(template.spec.name, name)));
  }
  return describe({ zones: zoneList }, hostnames);
}

/** One zone of `count` custom hostnames: managed ones (no PEM), every tenth custom-uploaded, one managed in a hundred near expiry. */
export async function saasWorkload(count: number): Promise<Workload> {
  const customHostnames = bulkCustomHostnames(count, {
    domain: `saas.${DOMAIN}`,
    // Custom-uploaded PEMs are shared per distinct daysLeft: 200 of them (200 mints, ~3 s).
    customize: (i): Partial<CustomHostnameSpec> =>
      i % 10 === 0 ? { kind: "custom", daysLeft: 30 + (Math.floor(i / 10) % 200) } : { daysLeft: i % 100 === 7 ? 3 + (i % 25) : 30 + (i % 60) },
  });
  const state = await buildState({ zones: [{ id: zoneId(0), name: `saas.${DOMAIN}`, customHostnames }] });
  return describe(state, [[]]);
}

function zoneId(index: number): string {
  return `b${index.toString(16).padStart(31, "0")}`;
}

interface Template {
  spec: ZoneSpec;
  hostnames: string[];
}

function templateZone(t: number, objects: number): Template {
  const name = `tpl-${t}.${DOMAIN}`;
  const count = (share: number) => (objects <= 8 ? 1 : Math.max(1, Math.round(objects * share)));
  const counts = {
    trustStore: count(MIX.trustStore),
    hostnameCertificates: count(MIX.hostnameCertificates),
    associations: count(MIX.associations),
    aopZoneCertificates: count(MIX.aopZoneCertificates),
    customCertificates: count(MIX.customCertificates),
    certificatePacks: count(MIX.certificatePacks),
  };
  const fixed = Object.values(counts).reduce((a, b) => a + b, 0);
  const customHostnames = Math.max(0, objects - fixed);
  const cert = (kind: string, i: number, extra: Partial<CertSpec> = {}): CertSpec => ({ cn: `${kind}-${i}.${name}`, daysLeft: daysLeft(t * 31 + i * 7 + kind.length), ...extra });
  const hostnameCertificates = Array.from({ length: counts.hostnameCertificates }, (_, i) => cert("client", i, { key: `client-${i}` }));
  const hostnames = Array.from({ length: counts.associations }, (_, i) => `origin-${i}.${name}`);
  const spec: ZoneSpec = {
    id: `a${t.toString(16).padStart(31, "0")}`,
    name,
    trustStore: Array.from({ length: counts.trustStore }, (_, i) => cert("root", i, { daysLeft: 400 + ((t + i) % 300) })),
    hostnameCertificates,
    associations: hostnames.map((hostname, i) => ({ hostname, cert: `client-${i % hostnameCertificates.length}` })),
    aopZoneCertificates: Array.from({ length: counts.aopZoneCertificates }, (_, i) => cert("zone-aop", i)),
    customHostnames: Array.from({ length: customHostnames }, (_, i) => ({
      hostname: `shop-${i}.${name}`,
      kind: i % 10 === 0 ? ("custom" as const) : ("managed" as const),
      daysLeft: daysLeft(t * 17 + i),
      sharedPem: true,
    })),
    customCertificates: Array.from({ length: counts.customCertificates }, (_, i) => ({ hosts: [`edge-${i}.${name}`], daysLeft: daysLeft(t * 5 + i * 3) })),
    certificatePacks: Array.from({ length: counts.certificatePacks }, (_, i) => ({
      hosts: [name, `*.${name}`],
      certificates: [{ daysLeft: daysLeft(t * 3 + i * 11) + 1 }, { daysLeft: daysLeft(t * 3 + i * 11) }],
    })),
  };
  return { spec, hostnames };
}

function describe(state: SimState, hostnames: string[][]): Workload {
  const pems: string[] = [];
  let objects = 0;
  for (const zone of state.zones) {
    objects += zone.trustStore.length + zone.hostnameCertificates.length + Object.keys(zone.hostnameAssociations).length;
    objects += zone.aopZoneCertificates.length + zone.customHostnames.length + zone.customCertificates.length + zone.certificatePacks.length;
    pems.push(...zone.trustStore.map((c) => c.certificate), ...zone.hostnameCertificates.map((c) => c.certificate));
    pems.push(...Object.values(zone.hostnameAssociations).map((a) => a.certificate), ...zone.aopZoneCertificates.map((c) => c.certificate));
    for (const item of zone.customHostnames) if (item.ssl.custom_certificate) pems.push(item.ssl.custom_certificate);
  }
  return { state, hostnames, objects, distinctPems: new Set(pems).size, pemObjects: pems.length };
}

/**
 * The fewest requests one sweep can make: one per page of 50 of each list (an empty list is one
 * page), one per configured AOP hostname, and the AOP settings only for a zone with a zone-level
 * certificate.
 */
export function minimumRequests(workload: Workload): number {
  const pages = (n: number) => Math.max(1, Math.ceil(n / 50));
  const zones = workload.state.zones.reduce((sum, zone, i) => {
    const aopZone = 1 + (zone.aopZoneCertificates.length > 0 ? 1 : 0);
    const lists =
      pages(zone.trustStore.length) +
      1 +
      aopZone +
      pages(zone.customHostnames.length) +
      pages(zone.customCertificates.length) +
      pages(zone.certificatePacks.length) +
      pages(zone.clientCertificates.length) +
      pages(zone.originCaCertificates.length);
    return sum + lists + (workload.hostnames[i]?.length ?? 0);
  }, 0);
  // Plus certwatch's own API token, verified once an hour (the first sweep does it).
  return zones + 1;
}
