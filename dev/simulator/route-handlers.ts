// Turns a matched route plus the live state into the status and envelope Cloudflare would send:
// the zone routes here, the account routes in account-handlers.ts, every other route by the store
// simulator that declared it.
import { answerAccountList, answerAccountRoute, isAccountStoreRoute } from "./account-handlers.js";
import { notFound, ok, type JsonReply } from "./reply.js";
import { ROUTE_TEMPLATES, type RouteMatch } from "./routes.js";
import { findZone, type SimState } from "./state.js";
import { ORDERED_STORE_SIMULATORS } from "./stores.js";
import { answerZoneList, zoneObject } from "./zone-handlers.js";

export type { JsonReply } from "./reply.js";

const OWNER_OF_TEMPLATE = new Map(ORDERED_STORE_SIMULATORS.flatMap((store) => Object.values(store.routes).map((template) => [template, store] as const)));

/** `bearer`: the request's bearer token, for the answers that depend on who owns it (accounts). */
export function answerRoute(state: SimState, match: RouteMatch, path: string, query: URLSearchParams, bearer?: string): JsonReply {
  const { template, params } = match;
  if (template === ROUTE_TEMPLATES.zoneList) return answerZoneList(state, query);
  if (template === ROUTE_TEMPLATES.accountList) return answerAccountList(state, query, bearer);
  if (isAccountStoreRoute(template)) return answerAccountRoute(state, template, params, path, query, bearer);
  const zone = findZone(state, params.zone_id ?? "");
  if (!zone) return notFound(path);
  if (template === ROUTE_TEMPLATES.zoneItem) return ok(zoneObject(zone));
  const owner = OWNER_OF_TEMPLATE.get(template);
  return owner ? owner.answer(zone, { template, params, path, query }) : notFound(path);
}
