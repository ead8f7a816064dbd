// Custom hostnames as the simulator serves them: a page-based list with the filters the API
// schema and the SDK document, and get by id. A zone without Cloudflare for SaaS answers 403 on both.
import { SAAS_NOT_ENABLED } from "../../../dev/simulator/envelope.js";
import { badRequest, byId, forbidden, itemOrNotFound, pagedList } from "../../../dev/simulator/reply.js";
import { defineStoreSimulator } from "../../../dev/simulator/store-simulator.js";
import { buildCustomHostname, type CustomHostnameSpec } from "./scenario.sim.js";
import type { CustomHostnameItem } from "./shape.sim.js";

type HostnameTest = (item: CustomHostnameItem) => boolean;

/** `hostname` and `hostname.exact` match exactly; `hostname.contain` and `hostname.startsWith` as named. */
const HOSTNAME_FILTERS: Record<string, (hostname: string, operand: string) => boolean> = {
  hostname: (hostname, operand) => hostname === operand,
  "hostname.exact": (hostname, operand) => hostname === operand,
  "hostname.contain": (hostname, operand) => hostname.includes(operand),
  "hostname.startsWith": (hostname, operand) => hostname.startsWith(operand),
};

function hostnameFilters(query: URLSearchParams): HostnameTest[] | { error: string } {
  const tests: HostnameTest[] = [];
  const id = query.get("id");
  for (const [parameter, test] of Object.entries(HOSTNAME_FILTERS)) {
    const operand = query.get(parameter);
    if (operand === null) continue;
    // The SDK marks id and the hostname filters mutually exclusive.
    if (id !== null) return { error: `${parameter} cannot be combined with id` };
    const folded = operand.toLowerCase();
    tests.push((item) => test(item.hostname.toLowerCase(), folded));
  }
  if (id !== null) tests.push((item) => item.id === id);
  const sslStatus = query.get("ssl_status");
  if (sslStatus !== null) tests.push((item) => item.ssl.status === sslStatus);
  const hostnameStatus = query.get("hostname_status");
  if (hostnameStatus !== null) tests.push((item) => item.status === hostnameStatus);
  return tests;
}

const routes = {
  customHostnameList: "/zones/:zone_id/custom_hostnames",
  customHostnameItem: "/zones/:zone_id/custom_hostnames/:custom_hostname_id",
} as const;

export const customHostnameSimulator = defineStoreSimulator({
  routes,
  async build(spec: { customHostnames?: CustomHostnameSpec[] }, { minter }): Promise<{ customHostnames: CustomHostnameItem[] }> {
    return { customHostnames: await Promise.all((spec.customHostnames ?? []).map((item) => buildCustomHostname(item, minter))) };
  },
  answer(zone, { template, params, path, query }) {
    if (zone.entitlements?.customHostnames === false) return forbidden(SAAS_NOT_ENABLED);
    if (template === routes.customHostnameItem) return itemOrNotFound(byId(zone.customHostnames, params.custom_hostname_id ?? ""), path);
    const tests = hostnameFilters(query);
    if (!Array.isArray(tests)) return badRequest(tests.error);
    // Unfiltered, the list is paged as it stands: copying 100,000 hostnames for each of
    // 2,000 pages would be most of what a SaaS-scale run spends.
    const matching = tests.length ? zone.customHostnames.filter((item) => tests.every((test) => test(item))) : zone.customHostnames;
    return pagedList(matching, query);
  },
});
