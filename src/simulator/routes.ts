// The routes the simulator serves, named by the templates tests count requests by.

export const ROUTE_TEMPLATES = {
  trustStoreList: "/zones/:zone_id/acm/custom_trust_store",
  trustStoreItem: "/zones/:zone_id/acm/custom_trust_store/:id",
  hostnameCertificateList: "/zones/:zone_id/origin_tls_client_auth/hostnames/certificates",
  hostnameCertificateItem: "/zones/:zone_id/origin_tls_client_auth/hostnames/certificates/:id",
  hostnameAssociation: "/zones/:zone_id/origin_tls_client_auth/hostnames/:hostname",
} as const;

export type RouteTemplate = (typeof ROUTE_TEMPLATES)[keyof typeof ROUTE_TEMPLATES];

export interface RouteMatch {
  template: RouteTemplate;
  /** Decoded path parameters; always holds `zone_id`. */
  params: Record<string, string>;
}

// Literal segments must be tried before `:hostname`, or ".../hostnames/certificates" would be
// taken for the association of a host called "certificates". Object order guarantees that here.
const COMPILED = Object.values(ROUTE_TEMPLATES).map((template) => ({ template, segments: template.split("/").slice(1) }));

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
      if (expected.startsWith(":")) {
        params[expected.slice(1)] = actual;
        return true;
      }
      return actual === expected;
    });
    if (matched) return { template, params };
  }
  return undefined;
}
