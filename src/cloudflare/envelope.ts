import { z } from "zod";

const errorItem = z.object({ code: z.number(), message: z.string() }).passthrough();

/** Every `result_info` field is optional in practice (docs/cloudflare-api.md §2). */
export const resultInfoSchema = z
  .object({
    page: z.number().optional(),
    per_page: z.number().optional(),
    count: z.number().optional(),
    total_count: z.number().optional(),
    total_pages: z.number().optional(),
  })
  .passthrough();
export type ResultInfo = z.infer<typeof resultInfoSchema>;

export const envelopeSchema = z
  .object({
    success: z.boolean(),
    errors: z.array(errorItem).default([]),
    messages: z.array(z.unknown()).default([]),
    result: z.unknown(),
    result_info: resultInfoSchema.nullish(),
  })
  .passthrough();
export type Envelope = z.infer<typeof envelopeSchema>;

/** Pulls `errors[]` out of any body, for logging a failure; never throws. */
export function errorItemsOf(body: unknown): Array<{ code: number; message: string }> {
  const parsed = z.object({ errors: z.array(errorItem) }).safeParse(body);
  return parsed.success ? parsed.data.errors.map(({ code, message }) => ({ code, message })) : [];
}
