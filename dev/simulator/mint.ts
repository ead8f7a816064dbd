// Mints real X.509 certificates so the daemon's PEM parsing is exercised against the same
// kind of bytes Cloudflare hands back, not placeholders.
import "reflect-metadata"; // @peculiar/x509 uses decorators that need the metadata polyfill loaded first
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export type KeyAlgorithm = "ecdsa" | "rsa" | "ed25519";

type KeyRole = "root" | "intermediate" | "leaf";

export interface CertificateSpec {
  commonName: string;
  notBefore: Date;
  notAfter: Date;
  /** Default "ecdsa" (P-256). */
  keyAlgorithm?: KeyAlgorithm;
  /** DNS names for the subjectAltName extension; omitted from the certificate when empty. */
  sans?: string[];
  isCA?: boolean;
  /** Signs the new certificate; self-signed when absent. */
  issuer?: MintedCertificate;
}

export interface MintedCertificate {
  pem: string;
  /** As encoded in the certificate (X.509 times have whole-second precision). */
  notBefore: Date;
  notAfter: Date;
  /** Lowercase hex, no separators. */
  serialHex: string;
  commonName: string;
  issuerCommonName: string;
  /** The signature algorithm named the way Cloudflare's `signature` field names it. */
  signature: string;
  keyAlgorithm: KeyAlgorithm;
  isCA: boolean;
  /** Kept so this certificate can sign others. */
  keys: CryptoKeyPair;
}

const KEY_GEN_PARAMS: Record<KeyAlgorithm, RsaHashedKeyGenParams | EcKeyGenParams | Algorithm> = {
  ecdsa: { name: "ECDSA", namedCurve: "P-256" } satisfies EcKeyGenParams,
  rsa: {
    name: "RSASSA-PKCS1-v1_5",
    modulusLength: 2048,
    publicExponent: new Uint8Array([1, 0, 1]),
    hash: "SHA-256",
  } satisfies RsaHashedKeyGenParams,
  ed25519: { name: "Ed25519" },
};

const SIGNING_PARAMS: Record<KeyAlgorithm, Algorithm | EcdsaParams> = {
  ecdsa: { name: "ECDSA", hash: "SHA-256" } as EcdsaParams,
  rsa: { name: "RSASSA-PKCS1-v1_5" },
  ed25519: { name: "Ed25519" },
};

const CLOUDFLARE_SIGNATURE_NAME: Record<KeyAlgorithm, string> = {
  ecdsa: "ECDSAWithSHA256",
  rsa: "SHA256WithRSA",
  ed25519: "Ed25519",
};

// One key pair per (algorithm, role) for the whole process: an RSA-2048 key costs ~100 ms and
// scenarios mint dozens of certificates, while distinct certificates sharing a key is harmless
// here. Roles stay apart so a leaf, its intermediate and its root never share a key identifier,
// which would confuse chain builders that match issuers by key id.
const keyCache = new Map<string, Promise<CryptoKeyPair>>();

function keyPairFor(algorithm: KeyAlgorithm, role: KeyRole): Promise<CryptoKeyPair> {
  const cacheKey = `${algorithm}/${role}`;
  let pending = keyCache.get(cacheKey);
  if (!pending) {
    pending = webcrypto.subtle.generateKey(KEY_GEN_PARAMS[algorithm], true, ["sign", "verify"]) as Promise<CryptoKeyPair>;
    // A failed generation must not poison the cache for the rest of the process.
    pending.catch(() => keyCache.delete(cacheKey));
    keyCache.set(cacheKey, pending);
  }
  return pending;
}

/** 16 random bytes with the top bit clear, so the DER INTEGER is positive and minimally encoded. */
function randomSerialHex(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0]! & 0x3f) | 0x40;
  return Buffer.from(bytes).toString("hex");
}

function distinguishedName(commonName: string): x509.JsonName {
  return [{ CN: [commonName] }, { O: ["certwatch simulator"] }];
}

function roleOf(spec: CertificateSpec): KeyRole {
  if (!spec.isCA) return "leaf";
  return spec.issuer ? "intermediate" : "root";
}

async function extensionsFor(spec: CertificateSpec, keys: CryptoKeyPair, issuerKeys: CryptoKeyPair): Promise<x509.Extension[]> {
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(spec.isCA === true, undefined, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    await x509.AuthorityKeyIdentifierExtension.create(issuerKeys.publicKey),
  ];
  if (spec.isCA) {
    extensions.push(new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true));
  } else {
    extensions.push(
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth, x509.ExtendedKeyUsage.serverAuth]),
    );
  }
  if (spec.sans && spec.sans.length > 0) {
    extensions.push(new x509.SubjectAlternativeNameExtension(spec.sans.map((name) => ({ type: "dns" as const, value: name }))));
  }
  return extensions;
}

export async function mintCertificate(spec: CertificateSpec): Promise<MintedCertificate> {
  const keyAlgorithm = spec.keyAlgorithm ?? "ecdsa";
  const keys = await keyPairFor(keyAlgorithm, roleOf(spec));
  const issuer = spec.issuer;
  const issuerKeys = issuer?.keys ?? keys;
  const issuerAlgorithm = issuer?.keyAlgorithm ?? keyAlgorithm;
  if (!issuerKeys.privateKey) throw new Error(`issuer of ${spec.commonName} has no private key`);

  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerialHex(),
    subject: distinguishedName(spec.commonName),
    issuer: distinguishedName(issuer?.commonName ?? spec.commonName),
    notBefore: spec.notBefore,
    notAfter: spec.notAfter,
    publicKey: keys.publicKey,
    signingKey: issuerKeys.privateKey,
    signingAlgorithm: SIGNING_PARAMS[issuerAlgorithm],
    extensions: await extensionsFor(spec, keys, issuerKeys),
  });

  return {
    pem: `${certificate.toString("pem")}\n`,
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    serialHex: certificate.serialNumber.toLowerCase(),
    commonName: spec.commonName,
    issuerCommonName: issuer?.commonName ?? spec.commonName,
    signature: CLOUDFLARE_SIGNATURE_NAME[issuerAlgorithm],
    keyAlgorithm,
    isCA: spec.isCA === true,
    keys,
  };
}

export interface ChainBundleSpec {
  leaf: Omit<CertificateSpec, "issuer" | "isCA">;
  /** The intermediate may expire before the leaf: that is the case this bundle exists to test. */
  intermediate: { commonName?: string; notBefore?: Date; notAfter: Date; keyAlgorithm?: KeyAlgorithm };
  /** Signs the intermediate; a fresh self-signed root valid for ten years when absent. */
  root?: MintedCertificate;
}

export interface MintedChainBundle {
  /** Leaf PEM followed by the intermediate PEM, the order servers send a chain in. */
  pem: string;
  leaf: MintedCertificate;
  intermediate: MintedCertificate;
  root: MintedCertificate;
}

const DAY_MS = 86_400_000;

export async function mintChainBundle(spec: ChainBundleSpec): Promise<MintedChainBundle> {
  const root =
    spec.root ??
    (await mintCertificate({
      commonName: `${spec.leaf.commonName} Root CA`,
      notBefore: new Date(spec.leaf.notBefore.getTime() - 365 * DAY_MS),
      notAfter: new Date(Date.now() + 3650 * DAY_MS),
      isCA: true,
    }));
  const intermediate = await mintCertificate({
    commonName: spec.intermediate.commonName ?? `${spec.leaf.commonName} Intermediate CA`,
    notBefore: spec.intermediate.notBefore ?? spec.leaf.notBefore,
    notAfter: spec.intermediate.notAfter,
    keyAlgorithm: spec.intermediate.keyAlgorithm,
    isCA: true,
    issuer: root,
  });
  const leaf = await mintCertificate({ ...spec.leaf, issuer: intermediate });
  return { pem: leaf.pem + intermediate.pem, leaf, intermediate, root };
}
