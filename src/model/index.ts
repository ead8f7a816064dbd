/**
 * certwatch's data model: what a store reports, what the inventory keeps and what every later
 * stage (evaluate, alerts, metrics, report) reads. Plain types and one pure function; it imports
 * nothing outside this folder, so any layer may depend on it and it depends on none.
 */
export type { ChainMember, ParsedCertificate, PemParseResult } from "./parsed-certificate.js";
export { recordKey, type CertificateRecord, type SourceItem } from "./records.js";
export type { RegisteredStoreNames, SourceName } from "./source-name.js";
export { isAccountTarget, type AccountTarget, type PollTarget, type TargetScope } from "./poll-target.js";
export { placementLabels, placementPairs, placementTitle, placementWords, targetIdOfLabels, targetLabels, type Placed, type PlacementLabels } from "./placement.js";
