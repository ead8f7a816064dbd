// The shape moved to the model (src/model/parsed-certificate.ts); kept so other branches still compile.
export type { ChainMember, ParsedCertificate, PemParseResult } from "../model/parsed-certificate.js";
