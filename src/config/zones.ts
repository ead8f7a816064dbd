/**
 * Which zones are watched and how: the `zones` list, `discover`, thresholds and labels, with the
 * checks that look across zones. Those checks read the raw tree rather than refine the schema,
 * because zod skips refinements once any element has a type error, and a bad zone elsewhere
 * should not hide a duplicate.
 */
import { z } from "zod";
import type { SourceName, TargetScope } from "../model/index.js";
import { DEFAULT_ZONE_SOURCE_NAMES, ZONE_SOURCE_NAMES } from "../stores/registry.js";
import { BUILT_IN_LABEL_NAMES, isBuiltInLabelName } from "../labels/built-in-names.js";
import { boolean, fromBooleanString, fromDecimalString, isHostname, trimmed } from "../settings-file/fields.js";
import { describeValue, formatPath, isRecord, repeats, type Problem } from "../settings-file/problems.js";

export const THRESHOLD_DEFAULTS = { warning_days: 30, critical_days: 7 } as const;

const DAYS = "a whole number of days greater than 0";
const dayCount = z.preprocess(fromDecimalString, z.number({ error: DAYS }).int({ error: DAYS }).min(1, { error: DAYS }));

export const thresholdsShape = {
  warning_days: dayCount.optional().default(THRESHOLD_DEFAULTS.warning_days),
  critical_days: dayCount.optional().default(THRESHOLD_DEFAULTS.critical_days),
};

/** The global `thresholds`: critical must come before warning. */
export const thresholdsSchema = z
  .strictObject(thresholdsShape, { error: "a mapping with warning_days and critical_days" })
  .superRefine((t, ctx) => {
    // Zod also runs this after a range error; only compare numbers that are themselves valid.
    const valid = (n: number) => Number.isInteger(n) && n > 0;
    if (valid(t.warning_days) && valid(t.critical_days) && t.critical_days >= t.warning_days) {
      const message = `fewer days than warning_days (${t.warning_days})`;
      ctx.addIssue({ code: "custom", path: ["critical_days"], message, params: { found: t.critical_days } });
    }
  })
  .prefault({});
export type Thresholds = z.output<typeof thresholdsSchema>;

/** A zone's own thresholds: each falls back to the global one (zoneThresholdProblems checks the pair). */
export const zoneThresholdsShape = { warning_days: dayCount.optional(), critical_days: dayCount.optional() };

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const LABEL_NAME_EXPECTED = "a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __)";
const NOT_BUILT_IN = `a label name certwatch does not use itself (not one of ${BUILT_IN_LABEL_NAMES.join(", ")})`;

/** `labels:` at the top level and on a zone: names to string values, added to the zone's series and alerts. */
export const labelsSchema = z
  .record(
    z.string().superRefine((name, ctx) => {
      // Names starting with __ are reserved for Prometheus' internal use.
      if (!LABEL_NAME.test(name) || name.startsWith("__")) ctx.addIssue({ code: "custom", message: LABEL_NAME_EXPECTED });
      else if (isBuiltInLabelName(name)) ctx.addIssue({ code: "custom", message: NOT_BUILT_IN });
    }),
    z.string({ error: "a label value as a string (quote numbers and booleans)" }),
    { error: "a mapping of label names to string values" },
  )
  .optional()
  .default({});

export const CUSTOM_HOSTNAME_MODES = ["per_hostname", "summary"] as const;

/** How a zone's custom hostnames are exported: one series each, or counts by status (alerts stay per hostname). */
export const customHostnamesShape = {
  mode: z
    .enum(CUSTOM_HOSTNAME_MODES, { error: `one of ${CUSTOM_HOSTNAME_MODES.join(", ")}` })
    .optional()
    .default("per_hostname"),
};

const ZONE_ID = "32 lowercase hex characters";
const SOURCES = `a list of at least one of ${ZONE_SOURCE_NAMES.join(", ")}`;
const zoneSourceName = z.enum(ZONE_SOURCE_NAMES as unknown as [SourceName, ...SourceName[]], { error: `one of ${ZONE_SOURCE_NAMES.join(", ")}` });
const HOSTNAME = "a DNS hostname such as app.example.com (no wildcard, no trailing dot)";

export const zoneShape = {
  id: z.string({ error: ZONE_ID }).regex(/^[0-9a-f]{32}$/, { error: ZONE_ID }),
  name: z.string({ error: "a non-empty zone name" }).min(1, { error: "a non-empty zone name" }).optional(),
  hostnames: z
    .array(
      // Cloudflare stores hostnames in lowercase; accepting any case keeps duplicates detectable.
      z
        .string({ error: HOSTNAME })
        .refine((name) => isHostname(name.toLowerCase()), { error: HOSTNAME })
        .transform((name) => name.toLowerCase()),
      { error: "a list of hostnames" },
    )
    .optional()
    .default([]),
  thresholds: z.strictObject(zoneThresholdsShape, { error: "a mapping with warning_days and/or critical_days" }).optional(),
  /** Absent: every zone source but the opt-in ones (Access). Duplicates are refused by duplicateZoneProblems. */
  sources: z
    .array(zoneSourceName, { error: SOURCES })
    .min(1, { error: SOURCES })
    .optional(),
  custom_hostnames: z.strictObject(customHostnamesShape, { error: "a mapping with mode" }).prefault({}),
  /** The credential that reads the zone (its name); absent: the first one. Checked by zoneCredentialProblems. */
  credential: trimmed("the name of a credential in cloudflare.credentials").optional(),
  labels: labelsSchema,
};
type ZoneEntry = z.output<z.ZodObject<typeof zoneShape>>;

/**
 * A zone as the daemon uses it: the zone's own thresholds over the global ones, the global labels
 * under the zone's own, and its sources in the registry's order, listed or not.
 */
export function resolveZone(zone: ZoneEntry, global: { thresholds: Thresholds; labels: Record<string, string> }): ZoneConfig {
  const labels = { ...global.labels, ...zone.labels };
  return {
    id: zone.id,
    name: zone.name ?? zone.id,
    hostnames: zone.hostnames,
    thresholds: {
      warning_days: zone.thresholds?.warning_days ?? global.thresholds.warning_days,
      critical_days: zone.thresholds?.critical_days ?? global.thresholds.critical_days,
    },
    sources: zone.sources === undefined ? [...DEFAULT_ZONE_SOURCE_NAMES] : ZONE_SOURCE_NAMES.filter((source) => zone.sources?.includes(source)),
    sources_explicit: zone.sources !== undefined,
    custom_hostnames: zone.custom_hostnames,
    ...(zone.credential === undefined ? {} : { credential: zone.credential }),
    // Only a zone with labels carries the key, so configs without labels read as they always did.
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
  };
}
/** A watched target: a zone, or an account (`scope: "account"`, config/accounts.ts), as the scheduler reads it. */
export interface ZoneConfig {
  id: string;
  name: string;
  /** Absent for a zone. */
  scope?: TargetScope;
  hostnames: string[];
  thresholds: Thresholds;
  sources: SourceName[];
  /** True when the config lists `sources` for the zone: an unavailable source then still alerts. */
  sources_explicit: boolean;
  custom_hostnames: { mode: (typeof CUSTOM_HOSTNAME_MODES)[number] };
  credential?: string;
  labels?: Record<string, string>;
}

/** The zone statuses of GET /zones. */
export const ZONE_STATUSES = ["active", "pending", "initializing", "moved"] as const;
const ACCOUNT_ID = "an account id of 32 lowercase hex characters";

export const discoverShape = {
  enabled: boolean(false),
  /** Also watch every account GET /accounts lists, and the accounts of discovered zones. */
  accounts: boolean(false),
  /** Only zones of this account, or every zone the token can see. */
  account_id: z.string({ error: ACCOUNT_ID }).regex(/^[0-9a-f]{32}$/, { error: ACCOUNT_ID }).optional(),
  /** Cloudflare's `name` filter for GET /zones, passed as is (trimmed): "example.com", "contains:shop". */
  name: trimmed('a non-empty zone name filter, e.g. "example.com" or "contains:shop"').optional(),
  /** Only listed zones with one of these statuses are watched (a zone whose listing has no status is watched). */
  statuses: z
    .array(z.enum(ZONE_STATUSES, { error: `one of ${ZONE_STATUSES.join(", ")}` }), {
      error: `a list of zone statuses (${ZONE_STATUSES.join(", ")})`,
    })
    .min(1, { error: `a list of at least one zone status (${ZONE_STATUSES.join(", ")})` })
    .optional()
    .default(["active"]),
};

export const discoverSchema = z
  .strictObject(discoverShape, { error: `a mapping with ${Object.keys(discoverShape).join(", ")}` })
  .transform((d) => ({ enabled: d.enabled, accounts: d.accounts, account_id: d.account_id ?? null, name: d.name ?? null, statuses: [...new Set(d.statuses)] }))
  .prefault({});
export type DiscoverConfig = z.output<typeof discoverSchema>;

/**
 * `zones` may only be absent or empty when discovery finds the zones instead. A `discover` or
 * `discover.enabled` that is itself invalid is the schema's to report: whoever wrote it meant to
 * turn discovery on, so this check stays quiet then. A `zones` that is no list at all is likewise
 * the schema's.
 */
export function zonesRequiredProblems(tree: unknown): Problem[] {
  if (!isRecord(tree)) return [];
  const zones = tree["zones"];
  const isEmpty = (list: unknown) => list === undefined || list === null || (Array.isArray(list) && list.length === 0);
  const discover = tree["discover"];
  // Accounts alone are something to watch: an account-level store with no zone at all is fine.
  if (!isEmpty(zones) || !isEmpty(tree["accounts"]) || discoveryMayBeOn(discover) || discoveryMayBeOn(discover, "accounts")) return [];
  // An empty `zones:` counts as not set, like every other empty key.
  return [{ path: ["zones"], expected: "at least one zone, or accounts, or discover.enabled: true", found: describeValue(zones ?? undefined) }];
}

function discoveryMayBeOn(discover: unknown, key: "enabled" | "accounts" = "enabled"): boolean {
  if (discover === undefined || discover === null) return false;
  if (!isRecord(discover)) return true;
  const enabled = fromBooleanString(discover[key]);
  return enabled !== undefined && enabled !== null && enabled !== false;
}

/** Duplicate zone ids, hostnames within a zone (case-insensitive, as DNS is) and sources within a zone. */
export function duplicateZoneProblems(tree: unknown): Problem[] {
  const zones = isRecord(tree) ? tree["zones"] : undefined;
  if (!Array.isArray(zones)) return [];
  const isSourceName = (source: string) => (ZONE_SOURCE_NAMES as readonly string[]).includes(source);
  const ids = repeats(zones.map((zone) => (isRecord(zone) ? zone["id"] : undefined)), (id) => id, (z, first) => ({
    path: ["zones", z, "id"],
    expected: `a zone id not already used by zones[${first}]`,
  }));
  return ids.concat(
    zones.flatMap((zone, z): Problem[] => {
      if (!isRecord(zone)) return [];
      const listed = (key: string, what: string) => (i: number, first: number) => ({
        path: ["zones", z, key, i],
        expected: `${what} not already listed at ${formatPath(["zones", z, key, first])}`,
      });
      return [
        ...repeats(zone["hostnames"], (hostname) => hostname.toLowerCase(), listed("hostnames", "a hostname")),
        // An unknown name is reported by the schema, once is enough.
        ...repeats(zone["sources"], (source) => (isSourceName(source) ? source : undefined), listed("sources", "a source")),
      ];
    }),
  );
}

type ThresholdKey = keyof Thresholds;

/**
 * critical_days below warning_days for each zone that sets either, after filling the other from
 * the global thresholds. A value that is itself invalid is the schema's to report, and a zone
 * that sets neither merely repeats the global pair, which the schema already checks.
 */
export function zoneThresholdProblems(tree: unknown, section: "zones" | "accounts" = "zones"): Problem[] {
  const entries = isRecord(tree) ? tree[section] : undefined;
  if (!isRecord(tree) || !Array.isArray(entries)) return [];
  const global = isRecord(tree["thresholds"]) ? tree["thresholds"] : {};
  /** A threshold's days and where they come from when not the zone itself; "invalid" when unusable. */
  const setting = (section: Record<string, unknown>, key: ThresholdKey, source: string | undefined) => {
    const value = fromDecimalString(section[key]);
    if (value === undefined || value === null) return undefined;
    return typeof value === "number" && Number.isInteger(value) && value > 0 ? { days: value, source } : "invalid";
  };
  const globalSetting = (key: ThresholdKey) =>
    setting(global, key, `from thresholds.${key}`) ?? { days: THRESHOLD_DEFAULTS[key], source: "the default" };
  return entries.flatMap((zone, z): Problem[] => {
    const own = isRecord(zone) && isRecord(zone["thresholds"]) ? zone["thresholds"] : undefined;
    if (own === undefined) return [];
    const warning = setting(own, "warning_days", undefined);
    const critical = setting(own, "critical_days", undefined);
    if (warning === undefined && critical === undefined) return [];
    const w = warning ?? globalSetting("warning_days");
    const c = critical ?? globalSetting("critical_days");
    if (w === "invalid" || c === "invalid" || c.days < w.days) return [];
    return [
      {
        path: [section, z, "thresholds", "critical_days"],
        expected: `fewer days than warning_days (${w.days}${w.source === undefined ? "" : `, ${w.source}`})`,
        found: `${c.days}${c.source === undefined ? "" : ` (${c.source})`}`,
      },
    ];
  });
}
