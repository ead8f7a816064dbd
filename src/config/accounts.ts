/**
 * `accounts`: the Cloudflare accounts whose account-level stores are watched (account mTLS
 * certificates, Access and Gateway CAs). An account resolves to the same shape as a zone, with
 * `scope: "account"`, so the scheduler, the inventory and the alerts treat it as one more target.
 */
import { z } from "zod";
import { ACCOUNT_SOURCE_NAMES } from "../stores/registry.js";
import { trimmed } from "../settings-file/fields.js";
import { isRecord, repeats, type Problem } from "../settings-file/problems.js";
import { labelsSchema, zoneThresholdsShape, type Thresholds, type ZoneConfig } from "./zones.js";

const ACCOUNT_ID = "an account id of 32 lowercase hex characters";
const SOURCES = `a list of at least one of ${ACCOUNT_SOURCE_NAMES.join(", ")}`;
const accountSourceName = z.enum(ACCOUNT_SOURCE_NAMES as unknown as [string, ...string[]], { error: `one of ${ACCOUNT_SOURCE_NAMES.join(", ")}` });

export const accountShape = {
  id: z.string({ error: ACCOUNT_ID }).regex(/^[0-9a-f]{32}$/, { error: ACCOUNT_ID }),
  name: trimmed("a non-empty account name").optional(),
  /** Absent: every account store. */
  sources: z.array(accountSourceName, { error: SOURCES }).min(1, { error: SOURCES }).optional(),
  /** The credential that reads the account (its name); absent: the first one. */
  credential: trimmed("the name of a credential in cloudflare.credentials").optional(),
  thresholds: z.strictObject(zoneThresholdsShape, { error: "a mapping with warning_days and/or critical_days" }).optional(),
  labels: labelsSchema,
};
export type AccountEntry = z.output<z.ZodObject<typeof accountShape>>;

/** An account as the daemon uses it: a target of scope "account", its thresholds and labels over the global ones. */
export function resolveAccount(account: AccountEntry, global: { thresholds: Thresholds; labels: Record<string, string> }): ZoneConfig {
  const labels = { ...global.labels, ...account.labels };
  return {
    id: account.id,
    name: account.name ?? account.id,
    scope: "account",
    hostnames: [],
    thresholds: {
      warning_days: account.thresholds?.warning_days ?? global.thresholds.warning_days,
      critical_days: account.thresholds?.critical_days ?? global.thresholds.critical_days,
    },
    sources: ACCOUNT_SOURCE_NAMES.filter((source) => account.sources?.includes(source) ?? true),
    sources_explicit: account.sources !== undefined,
    custom_hostnames: { mode: "per_hostname" },
    ...(account.credential === undefined ? {} : { credential: account.credential }),
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
  };
}

/** An account found by discovery (GET /accounts, or a discovered zone's account): as if named under `accounts` with nothing but its id and name. */
export function discoveredAccount(account: { id: string; name: string }, defaults: Pick<ZoneConfig, "thresholds" | "labels">, credential: string | undefined): ZoneConfig {
  const resolved = resolveAccount({ id: account.id, name: account.name, labels: {} }, { thresholds: defaults.thresholds, labels: defaults.labels ?? {} });
  return credential === undefined ? resolved : { ...resolved, credential };
}

/** Duplicate account ids, and sources listed twice within an account. */
export function duplicateAccountProblems(tree: unknown): Problem[] {
  const accounts = isRecord(tree) ? tree["accounts"] : undefined;
  if (!Array.isArray(accounts)) return [];
  const ids = repeats(accounts.map((a) => (isRecord(a) ? a["id"] : undefined)), (id) => id, (a, first) => ({
    path: ["accounts", a, "id"],
    expected: `an account id not already used by accounts[${first}]`,
  }));
  const isSourceName = (source: string) => (ACCOUNT_SOURCE_NAMES as readonly string[]).includes(source);
  return ids.concat(
    accounts.flatMap((account, a): Problem[] =>
      isRecord(account)
        ? repeats(account["sources"], (source) => (isSourceName(source) ? source : undefined), (i, first) => ({
            path: ["accounts", a, "sources", i],
            expected: `a source not already listed at accounts[${a}].sources[${first}]`,
          }))
        : [],
    ),
  );
}
