/**
 * Where a store reads from: a zone, or an account for the stores that live on the account
 * (accounts[] and account discovery). Everything keyed by zone downstream (the inventory's slots,
 * the sweep, the metrics blocks, source-down alerts) keys an account target the same way, by its
 * id; only the labels differ (labels.ts places an account target under `account`/`account_id`).
 */
export type TargetScope = "zone" | "account";

/** One zone or account as a store polls it: what the config or discovery said about it. */
export interface PollTarget {
  /** The zone's id, or the account's for an account target. */
  id: string;
  name: string;
  /** The AOP hostnames to read one by one (the API cannot list them); none for an account. */
  hostnames: string[];
  /** Absent for a zone, so every zone target and record reads as it always did. */
  scope?: TargetScope;
}

/** An account as an account-scoped store polls it. */
export interface AccountTarget {
  id: string;
  name: string;
}

export function isAccountTarget(target: { scope?: TargetScope }): boolean {
  return target.scope === "account";
}
