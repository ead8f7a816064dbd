import type { ApiReader } from "../cloudflare/client.js";
import type { PollTarget } from "../model/index.js";
import type { Source, SourcePoll } from "./source.js";

/**
 * Reads `source` for one target: a zone through the store's `poll`, an account through its
 * `pollAccount`. The config only lets a target name stores that read its kind; a mismatch fails
 * the poll with this message rather than going unnoticed.
 */
export async function pollSource(source: Source, target: PollTarget, client: ApiReader, signal: AbortSignal): Promise<SourcePoll> {
  if (target.scope === "account") {
    if (!source.pollAccount) throw new Error(`${source.name} is not an account store`);
    return source.pollAccount({ account: { id: target.id, name: target.name }, client, signal });
  }
  if (!source.poll) throw new Error(`${source.name} is not a zone store`);
  return source.poll({ zone: target, client, signal });
}

