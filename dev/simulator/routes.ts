// The routes the simulator serves, named by the templates tests count requests by: the zone
// routes here, the account list in account.ts, every store's from its simulator parts.
import { ACCOUNT_ROUTES } from "./account.js";
import { ORDERED_ACCOUNT_STORE_SIMULATORS, ORDERED_STORE_SIMULATORS, type AccountStoreRoutes, type StoreRoutes } from "./stores.js";
import { TOKEN_ROUTES } from "./token-verify.js";

const ZONE_ROUTES = {
  zoneList: "/zones",
  zoneItem: "/zones/:zone_id",
} as const;

export const ROUTE_TEMPLATES = Object.freeze(
  Object.assign(
    {},
    ZONE_ROUTES,
    TOKEN_ROUTES,
    ACCOUNT_ROUTES,
    ...ORDERED_STORE_SIMULATORS.map((store) => store.routes),
    ...ORDERED_ACCOUNT_STORE_SIMULATORS.map((store) => store.routes),
  ),
) as typeof ZONE_ROUTES & typeof TOKEN_ROUTES & typeof ACCOUNT_ROUTES & StoreRoutes & AccountStoreRoutes;

export type RouteTemplate = (typeof ROUTE_TEMPLATES)[keyof typeof ROUTE_TEMPLATES];

export interface RouteMatch {
  template: RouteTemplate;
  /** Decoded path parameters; `zone_id` on every zone route but `/zones` (see {@link withQueryZone}), `account_id` on an account's. */
  params: Record<string, string>;
}

const isParameter = (segment: string) => segment.startsWith(":");

/**
 * Orders templates so that, between two of the same length, the one with a literal segment
 * where the other has a parameter is tried first: ".../origin_tls_client_auth/settings" before
 * ".../origin_tls_client_auth/:certificate_id", ".../hostnames/certificates" before
 * ".../hostnames/:hostname". Declaration order then no longer decides which route wins.
 */
function moreSpecificFirst(a: string[], b: string[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const difference = Number(isParameter(a[index]!)) - Number(isParameter(b[index]!));
    if (difference !== 0) return difference;
  }
  return 0;
}

const COMPILED = Object.values(ROUTE_TEMPLATES)
  .map((template) => ({ template, segments: template.split("/").slice(1) }))
  .sort((a, b) => moreSpecificFirst(a.segments, b.segments));

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Matches a path relative to the API base (e.g. "/zones/abc/acm/custom_trust_store"). */
export function matchRoute(path: string): RouteMatch | undefined {
  const segments = path.split("/").slice(1);
  for (const { template, segments: pattern } of COMPILED) {
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matched = pattern.every((expected, index) => {
      const actual = decodeSegment(segments[index]!);
      if (actual === undefined || actual === "") return false;
      if (isParameter(expected)) {
        params[expected.slice(1)] = actual;
        return true;
      }
      return actual === expected;
    });
    if (matched) return { template, params };
  }
  return undefined;
}

/**
 * A route that names its zone in the query rather than the path (Origin CA's
 * `GET /certificates?zone_id=…`) gets it as `params.zone_id`, as a path parameter would give it,
 * so zone lookup, token scopes, faults and request counts by zone work alike for every route.
 */
export function withQueryZone(match: RouteMatch | undefined, query: URLSearchParams): RouteMatch | undefined {
  if (!match || match.params.zone_id !== undefined || match.params.account_id !== undefined || match.template === ZONE_ROUTES.zoneList || match.template === ACCOUNT_ROUTES.accountList) return match;
  const zoneId = query.get("zone_id");
  return zoneId ? { ...match, params: { ...match.params, zone_id: zoneId } } : match;
}
