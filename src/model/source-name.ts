/**
 * The names of the registered stores. Empty here on purpose: src/stores/registry.ts adds one key
 * per store it lists (declaration merging), so a name exists only where a store is registered
 * and the model still imports nothing.
 */
export interface RegisteredStoreNames {}

/** A store's name: the `source` label value and the key of `zones[].sources`. */
export type SourceName = keyof RegisteredStoreNames & string;
