// The contract between the simulator core and the account part of a store's simulator
// (src/stores/*/store.sim.ts), parallel to store-simulator.ts for zones: a store that reads both
// (Access) has one part of each kind.
import type { AccountBase } from "./account.js";
import type { JsonReply } from "./reply.js";
import type { ScenarioMinter } from "./scenario-minting.js";
import type { StoreRequest } from "./store-simulator.js";

/** What an account store's builder gets besides its own part of the account spec. */
export interface AccountBuildContext {
  accountId: string;
  accountName: string;
  minter: ScenarioMinter;
}

/** One store as the simulator serves it on accounts: `Data` is what it adds to an account, `Spec` to an account spec. */
export interface AccountStoreSimulator<Routes extends Readonly<Record<string, string>>, Data extends object, Spec extends object, Account extends object = AccountBase & Data> {
  /** Route name → template (every one under `/accounts/:account_id/`), as tests count requests by. */
  readonly routes: Routes;
  build(spec: Spec, context: AccountBuildContext): Promise<Data> | Data;
  /**
   * What an account holds that no account spec built: one the simulator knows only because a
   * zone names it (account-handlers.ts) answers from this.
   */
  empty(): Data;
  answer(account: Account, request: StoreRequest): JsonReply;
}

/** Keeps the route names and the Data/Spec types literal, which the core derives SimAccount and AccountSpec from. */
export function defineAccountStoreSimulator<
  const Routes extends Readonly<Record<string, string>>,
  Data extends object,
  Spec extends object,
  Account extends object = AccountBase & Data,
>(simulator: AccountStoreSimulator<Routes, Data, Spec, Account>): AccountStoreSimulator<Routes, Data, Spec, Account> {
  return simulator;
}
