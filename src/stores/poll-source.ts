import type { ApiReader } from "../cloudflare/client.js";
import type { PollTarget } from "../model/index.js";
import type { Source, SourcePoll } from "./source.js";

/** Reads `source` for one target: a zone through the store's `poll`, an account through its `pollAccount`. */
export async function pollSource(source: Source, target: PollTarget, client: ApiReader, signal: AbortSignal): Promise<SourcePoll> {
  if (target.scope === "account") {
    if (!source.pollAccount) throw new Error(`${source.name} is not an account store`);
    return source.pollAccount({ account: { id: target.id, name: target.name }, client, signal });
  }
  if (!source.poll) throw new Error(`${source.name} is not a zone store`);
  return source.poll({ zone: target, client, signal });
}

/** Whether `source` can read this kind of target at all. */
export function readsTarget(source: Pick<Source, "poll" | "pollAccount">, target: Pick<PollTarget, "scope">): boolean {
  return target.scope === "account" ? source.pollAccount !== undefined : source.poll !== undefined;
}
