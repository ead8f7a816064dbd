// `GET /zones` and `GET /zones/:zone_id` : the zone object in the fixtures' shape,
// carrying the fields the 2024 schema marks required, and the list's filters.
import { pagedList, type JsonReply } from "./reply.js";
import { rfc3339Seconds } from "../../src/clock/rfc3339.js";
import type { SimState, SimZone } from "./state.js";
import { DEFAULT_ZONE_ACCOUNT } from "./zone.js";

/** The zone object of Cloudflare's `GET /zones` and `GET /zones/:zone_id`. */
export interface ZoneObject {
  id: string;
  name: string;
  status: string;
  paused: boolean;
  type: "full";
  account: { id: string; name: string };
  owner: { type: "organization"; name: string };
  meta: Record<string, never>;
  development_mode: number;
  name_servers: string[];
  original_name_servers: null;
  original_registrar: null;
  original_dnshost: null;
  created_on: string;
  modified_on: string;
  /** Null until the zone first went active. */
  activated_on: string | null;
}

/** For zones built by hand rather than by buildState. */
const FALLBACK_CREATED_ON = "2025-01-01T00:00:00Z";
const HOUR_MS = 3_600_000;

export function zoneObject(zone: SimZone): ZoneObject {
  const account = zone.account ?? DEFAULT_ZONE_ACCOUNT;
  const status = zone.status ?? "active";
  const createdOn = zone.createdOn ?? FALLBACK_CREATED_ON;
  const everActive = status === "active" || status === "moved";
  return {
    id: zone.id,
    name: zone.name,
    status,
    paused: false,
    type: "full",
    account: { id: account.id, name: account.name },
    owner: { type: "organization", name: account.name },
    meta: {},
    development_mode: 0,
    name_servers: ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"],
    original_name_servers: null,
    original_registrar: null,
    original_dnshost: null,
    created_on: createdOn,
    modified_on: createdOn,
    activated_on: everActive ? rfc3339Seconds(Date.parse(createdOn) + HOUR_MS) : null,
  };
}

type TextTest = (value: string, operand: string) => boolean;

const TEXT_OPERATORS: Record<string, TextTest> = {
  equal: (value, operand) => value === operand,
  not_equal: (value, operand) => value !== operand,
  starts_with: (value, operand) => value.startsWith(operand),
  ends_with: (value, operand) => value.endsWith(operand),
  contains: (value, operand) => value.includes(operand),
};

const CASE_SENSITIVE_SUFFIX = "_case_sensitive";

/**
 * `name` and `account.name` take "value" (an exact match) or "operator:value" with the operators
 * Cloudflare documents (`contains:.org`, `starts_with:dev`, …), case-insensitive unless the
 * operator ends in `_case_sensitive`.
 */
function textMatcher(raw: string): (value: string) => boolean {
  const prefixed = /^([a-z_]+):(.*)$/s.exec(raw);
  const operator = prefixed?.[1] ?? "equal";
  const caseSensitive = operator.endsWith(CASE_SENSITIVE_SUFFIX);
  const test = TEXT_OPERATORS[caseSensitive ? operator.slice(0, -CASE_SENSITIVE_SUFFIX.length) : operator];
  // An unknown prefix is part of the value: a zone name never holds ":", so it matches nothing.
  if (!prefixed || !test) return (value) => value.toLowerCase() === raw.toLowerCase();
  const fold = (text: string) => (caseSensitive ? text : text.toLowerCase());
  const operand = fold(prefixed[2]!);
  return (value) => test(fold(value), operand);
}

type ZoneTest = (zone: ZoneObject) => boolean;

function zoneFilters(query: URLSearchParams): ZoneTest[] {
  const filters: ZoneTest[] = [];
  const name = query.get("name");
  if (name !== null) {
    const matches = textMatcher(name);
    filters.push((zone) => matches(zone.name));
  }
  const accountName = query.get("account.name");
  if (accountName !== null) {
    const matches = textMatcher(accountName);
    filters.push((zone) => matches(zone.account.name));
  }
  const accountId = query.get("account.id");
  if (accountId !== null) filters.push((zone) => zone.account.id === accountId);
  const status = query.get("status");
  if (status !== null) filters.push((zone) => zone.status === status);
  return filters;
}

/** Every zone of the state, filtered (all filters must hold unless `match=any`) and paged. */
export function answerZoneList(state: SimState, query: URLSearchParams): JsonReply {
  const filters = zoneFilters(query);
  const combine = query.get("match") === "any" ? "some" : "every";
  const zones = state.zones.map(zoneObject).filter((zone) => filters.length === 0 || filters[combine]((test) => test(zone)));
  return pagedList(zones, query);
}
