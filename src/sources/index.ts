import { aopHostnameCertSource } from "./aop-hostname-cert.js";
import { aopHostnameSource } from "./aop-hostname.js";
import { aopZoneCertSource } from "./aop-zone-cert.js";
import { certificatePackSource } from "./certificate-pack.js";
import { customCertificateSource } from "./custom-certificate.js";
import { customHostnameSource } from "./custom-hostname.js";
import type { Source } from "./source.js";
import { trustStoreSource } from "./trust-store.js";

/** Every source, in the order a cycle polls them. Adding a resource is one entry here. */
export const ALL_SOURCES: readonly Source[] = [
  trustStoreSource,
  aopHostnameCertSource,
  aopHostnameSource,
  aopZoneCertSource,
  customHostnameSource,
  customCertificateSource,
  certificatePackSource,
];
