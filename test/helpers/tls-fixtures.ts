// A CA, a server certificate for "localhost" and a client certificate, as PEM files in a fresh
// directory: what a web config's tls_server_config points at.
import { webcrypto } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mintCertificate, type KeyAlgorithm, type MintedCertificate } from "../../dev/simulator/mint.js";

export interface TlsFixtures {
  dir: string;
  caPem: string;
  server: { certPem: string; keyPem: string };
  client: { certPem: string; keyPem: string };
  /** A client certificate from a CA the server does not trust (with keys of its own). */
  strangerClient: { certPem: string; keyPem: string };
}

const DAY_MS = 86_400_000;

/** Writes ca.pem, server.crt, server.key, client.crt and client.key into a new directory. */
export async function makeTlsFixtures(): Promise<TlsFixtures> {
  const dir = mkdtempSync(join(tmpdir(), "certwatch-tls-"));
  const notBefore = new Date(Date.now() - DAY_MS);
  const notAfter = new Date(Date.now() + 30 * DAY_MS);
  const ca = await mintCertificate({ commonName: "certwatch test CA", notBefore, notAfter, isCA: true });
  const server = await mintCertificate({ commonName: "localhost", sans: ["localhost"], notBefore, notAfter, issuer: ca });
  const client = await mintCertificate({ commonName: "prometheus", notBefore, notAfter, issuer: ca });
  // Another algorithm, so another key pair: mint.ts shares keys per (algorithm, role).
  const strangerCa = await mintCertificate({ commonName: "stranger CA", notBefore, notAfter, isCA: true, keyAlgorithm: "rsa" });
  const stranger = await mintCertificate({ commonName: "stranger", notBefore, notAfter, issuer: strangerCa, keyAlgorithm: "rsa" });
  const fixtures: TlsFixtures = {
    dir,
    caPem: ca.pem,
    server: { certPem: server.pem, keyPem: await privateKeyPem(server) },
    client: { certPem: client.pem, keyPem: await privateKeyPem(client) },
    strangerClient: { certPem: stranger.pem, keyPem: await privateKeyPem(stranger) },
  };
  writeFileSync(join(dir, "ca.pem"), fixtures.caPem);
  writeFileSync(join(dir, "server.crt"), fixtures.server.certPem);
  writeFileSync(join(dir, "server.key"), fixtures.server.keyPem);
  writeFileSync(join(dir, "client.crt"), fixtures.client.certPem);
  writeFileSync(join(dir, "client.key"), fixtures.client.keyPem);
  return fixtures;
}

/** The certificate's private key as PKCS#8 PEM, the form node:tls and Prometheus read. */
async function privateKeyPem(certificate: MintedCertificate & { keyAlgorithm: KeyAlgorithm }): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", certificate.keys.privateKey));
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join("\n")}\n-----END PRIVATE KEY-----\n`;
}
