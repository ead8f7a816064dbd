// Writes corpus.json, the valid PEMs the fuzzer mutates. Minting uses fresh keys and random
// serials, so the corpus is generated once and kept in the repository: a fixed corpus and a seed
// make every fuzz run reproducible. Regenerate: npx tsx scripts/fuzz-pem/make-corpus.ts
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import { writeFileSync } from "node:fs";
import * as x509 from "@peculiar/x509";
import { mintCertificate, mintChainBundle } from "../../dev/simulator/mint.js";
import type { FuzzCorpus } from "./corpus.js";

const DAY = 86_400_000;
const at = (iso: string): Date => new Date(iso);

async function certificateRequest(): Promise<string> {
  const algorithm = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"])) as CryptoKeyPair;
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: "CN=csr.example.com", keys, signingAlgorithm: algorithm });
  return `${csr.toString("pem")}\n`;
}

const base = { notBefore: at("2026-01-01T00:00:00Z"), notAfter: at("2026-04-01T00:00:00Z") };
const manySans = Array.from({ length: 120 }, (_, i) => `host-${i}.many.example.com`);
const certificates = [
  await mintCertificate({ ...base, commonName: "ecdsa.example.com", sans: ["ecdsa.example.com", "www.ecdsa.example.com"] }),
  await mintCertificate({ ...base, commonName: "rsa.example.com", keyAlgorithm: "rsa", sans: ["rsa.example.com"] }),
  await mintCertificate({ ...base, commonName: "ed25519.example.com", keyAlgorithm: "ed25519" }),
  await mintCertificate({ commonName: "forever.example.com", notBefore: at("1950-01-01T00:00:00Z"), notAfter: at("9999-12-31T23:59:59Z") }),
  await mintCertificate({ commonName: "late.example.com", notBefore: at("2049-12-31T23:59:59Z"), notAfter: at("2060-02-29T12:00:00Z") }),
  await mintCertificate({ ...base, commonName: "many.example.com", sans: manySans }),
];
const bundle = await mintChainBundle({
  leaf: { commonName: "chain.example.com", notBefore: base.notBefore, notAfter: new Date(base.notAfter.getTime() + 30 * DAY) },
  intermediate: { notAfter: base.notAfter },
});

const corpus: FuzzCorpus = {
  certificates: [...certificates.map((c) => c.pem), bundle.pem],
  certificateRequest: await certificateRequest(),
};
writeFileSync(new URL("./corpus.json", import.meta.url), `${JSON.stringify(corpus, null, 2)}\n`);
console.log(`wrote ${corpus.certificates.length} certificates and a CSR to scripts/fuzz-pem/corpus.json`);
