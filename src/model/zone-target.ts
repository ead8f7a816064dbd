/** One zone as a store polls it: what the config or zone discovery said about it. */
export interface ZoneTarget {
  id: string;
  name: string;
  /** The AOP hostnames to read one by one (the API cannot list them). */
  hostnames: string[];
}
