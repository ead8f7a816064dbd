import { readFileSync } from "node:fs";

/** Valid PEMs for the fuzzer to mutate; see make-corpus.ts. */
export interface FuzzCorpus {
  /** Each a single certificate or a bundle, as Cloudflare would send it. */
  certificates: string[];
  /** A PKCS#10 request: a real DER that is not a certificate. */
  certificateRequest: string;
}

export function loadCorpus(): FuzzCorpus {
  return JSON.parse(readFileSync(new URL("./corpus.json", import.meta.url), "utf8")) as FuzzCorpus;
}
