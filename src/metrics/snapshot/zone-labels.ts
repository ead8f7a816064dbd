import type { ZoneConfig } from "../../config/schema.js";
import { labelPairs } from "./exposition-text.js";

const rendered = new WeakMap<object, string>();

/**
 * Each labelled zone's configured labels as label pairs (`env="prod",team="payments"`), by zone
 * id. A zone's label set is rendered once: the object stays the same until a reload replaces it.
 */
export function zoneLabelPairs(zones: readonly ZoneConfig[]): ReadonlyMap<string, string> {
  const pairs = new Map<string, string>();
  for (const zone of zones) {
    if (!zone.labels || Object.keys(zone.labels).length === 0) continue;
    let text = rendered.get(zone.labels);
    if (text === undefined) rendered.set(zone.labels, (text = labelPairs(Object.entries(zone.labels))));
    pairs.set(zone.id, text);
  }
  return pairs;
}
