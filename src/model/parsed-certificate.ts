/** What certwatch keeps of one parsed certificate object (a PEM that may hold a bundle). */
export interface ChainMember {
  subjectCN: string;
  issuerCN: string;
  notBefore: number; // epoch ms
  notAfter: number; // epoch ms
}

export interface ParsedCertificate {
  /** The leaf: the first certificate of the bundle. */
  notBefore: number; // epoch ms
  notAfter: number; // epoch ms
  subjectCN: string;
  issuerCN: string;
  serialHex: string;
  sha256Fingerprint: string; // lowercase hex, no separators
  sans: string[];
  keyAlgorithm: string; // e.g. "RSA-2048", "ECDSA-P-256", "Ed25519"
  /** Earliest notAfter across every certificate of the bundle (the leaf included). */
  chainNotAfter: number;
  /** Every certificate of the bundle, leaf first. */
  chain: ChainMember[];
}

export type PemParseResult =
  | { ok: true; certificate: ParsedCertificate }
  | { ok: false; error: string };
