import type { SourceName } from "../inventory/certificate-record.js";
import { aopHostnameCertSource } from "./aop-hostname-cert.js";
import { aopHostnameSource } from "./aop-hostname.js";
import type { Source } from "./source.js";
import { trustStoreSource } from "./trust-store.js";

/** Every source, in the order a cycle polls them. Adding a resource is one entry here. */
export const ALL_SOURCES: readonly Source[] = [trustStoreSource, aopHostnameCertSource, aopHostnameSource];

export function sourceByName(name: SourceName): Source {
  const source = ALL_SOURCES.find((s) => s.name === name);
  if (!source) throw new Error(`unknown source ${name}`);
  return source;
}
