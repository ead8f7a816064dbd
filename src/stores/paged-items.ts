import type { z } from "zod";
import type { ApiReader } from "../cloudflare/client.js";
import { forEachPage, type PageOptions } from "../cloudflare/paginate.js";
import type { SourceItem } from "../model/index.js";
import { parseItem } from "./api-fields.js";
import { InvalidItemTally } from "./invalid-items.js";

/**
 * Every item of a paged list, page by page as forEachPage reads it: each validated with `schema`
 * (an unusable one skipped and tallied) and mapped with `toItem`. Pages are not kept, so a list
 * of many pages costs its items, not its answers.
 */
export async function readPagedItems<T extends z.ZodType>(
  client: ApiReader,
  endpoint: string,
  params: Record<string, string>,
  schema: T,
  toItem: (item: z.output<T>) => SourceItem,
  options: PageOptions,
): Promise<{ items: SourceItem[]; invalid: InvalidItemTally }> {
  const items: SourceItem[] = [];
  const invalid = new InvalidItemTally();
  await forEachPage(
    client,
    endpoint,
    params,
    (page, offset) => {
      page.forEach((raw, index) => {
        const item = parseItem(schema, raw, offset + index, endpoint, invalid);
        if (item !== undefined) items.push(toItem(item));
      });
    },
    options,
  );
  return { items, invalid };
}
