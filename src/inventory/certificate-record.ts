// Moved: the records live in src/model, the names in src/stores/registry.ts. Kept as a
// re-export so branches written against this path still merge and compile.
export { SOURCE_NAMES } from "../stores/registry.js";
export { recordKey, type CertificateRecord, type SourceItem, type SourceName } from "../model/index.js";
