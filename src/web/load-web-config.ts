import { createPrivateKey, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { SecureVersion } from "node:tls";
import { ConfigError, describeValue, formatProblem, issueProblems, type PathSegment, type Problem } from "../settings-file/problems.js";
import { nullsAsAbsent, parseYaml, readErrorWords, readText } from "../settings-file/read.js";
import { TLS_VERSIONS, WEB_CONFIG_KEYS, webConfigSchema, type ClientAuthType, type RawWebConfig } from "./web-config-schema.js";

/** What the HTTP server needs of a web configuration file, its files read. */
export interface WebConfig {
  file: string;
  /** null: plain HTTP. */
  tls: WebTls | null;
  /** User name → bcrypt hash; empty: no authentication. */
  users: ReadonlyMap<string, string>;
  /** Added to every response. */
  headers: Readonly<Record<string, string>>;
}

export interface WebTls {
  cert: Buffer;
  key: Buffer;
  /** The CAs client certificates are verified against. */
  clientCa: Buffer | null;
  clientAuth: ClientAuthType;
  minVersion: SecureVersion;
  maxVersion: SecureVersion | null;
  preferServerCiphers: boolean;
}

/**
 * Reads and checks the web configuration at `path` (relative paths inside it are relative to
 * its directory, as in the exporter-toolkit). Throws ConfigError listing every problem, so a
 * bad file stops startup exactly as a bad certwatch.yaml does.
 */
export function loadWebConfig(path: string): WebConfig {
  const read = readText(path, "a readable web configuration file (YAML)");
  if ("problem" in read) throw fail(path, [read.problem]);
  return parseWebConfig(read.text, path);
}

/** Validates web config text; `file` names it in messages and anchors its relative paths. */
export function parseWebConfig(text: string, file: string): WebConfig {
  const tree = treeOf(text, file);
  const result = webConfigSchema.safeParse(tree);
  if (!result.success) {
    const allowed = (parent: PathSegment[]) => WEB_CONFIG_KEYS[parent.filter((s) => typeof s === "string").join(".")] ?? [];
    const unknownKey = (parent: PathSegment[]) => `one of ${allowed(parent).join(", ")}`;
    // A password hash is not shown even when malformed: it may be a pasted password.
    throw fail(file, issueProblems(result.error.issues, tree, { unknownKey, isSecretPath: (path) => path[0] === "basic_auth_users" }));
  }
  const raw = result.data;
  const base = dirname(resolve(file));
  const problems: Problem[] = [];
  const tls = raw.tls_server_config ? readTls(raw.tls_server_config, base, problems) : null;
  if (problems.length > 0) throw fail(file, problems);
  return { file, tls, users: new Map(Object.entries(raw.basic_auth_users)), headers: { ...raw.http_server_config.headers } };
}

/** An empty file (or one of comments only) is a valid web config that changes nothing, as in the toolkit. */
function treeOf(text: string, file: string): unknown {
  if (text.replace(/#.*$/gm, "").trim() === "") return {};
  const parsed = parseYaml(text, "a YAML mapping with tls_server_config, basic_auth_users and/or http_server_config");
  if (!parsed.ok) throw fail(file, parsed.problems);
  return nullsAsAbsent(parsed.value, true);
}

function readTls(tls: NonNullable<RawWebConfig["tls_server_config"]>, base: string, problems: Problem[]): WebTls {
  const at = (key: string): PathSegment[] => ["tls_server_config", key];
  const read = (key: string, written: string, what: string): Buffer => {
    const full = resolve(base, written);
    try {
      return readFileSync(full);
    } catch (error) {
      problems.push({ path: at(key), expected: `a readable ${what}`, found: `${describeValue(full)} (${readErrorWords(error)})` });
      return Buffer.alloc(0);
    }
  };
  const cert = read("cert_file", tls.cert_file, "PEM certificate file");
  const key = read("key_file", tls.key_file, "PEM private key file");
  const clientCa = tls.client_ca_file === undefined ? null : read("client_ca_file", tls.client_ca_file, "PEM CA file");
  // Parsed now, so a bad file stops startup instead of failing every handshake.
  if (problems.length === 0) problems.push(...pemProblems(tls, cert, key, clientCa));
  return {
    cert,
    key,
    clientCa,
    clientAuth: tls.client_auth_type,
    minVersion: TLS_VERSIONS[tls.min_version],
    maxVersion: tls.max_version === undefined ? null : TLS_VERSIONS[tls.max_version],
    preferServerCiphers: tls.prefer_server_cipher_suites ?? false,
  };
}

function pemProblems(tls: NonNullable<RawWebConfig["tls_server_config"]>, cert: Buffer, key: Buffer, clientCa: Buffer | null): Problem[] {
  const problem = (field: string, written: string, expected: string, found: string): Problem => ({
    path: ["tls_server_config", field],
    expected,
    found: `${describeValue(written)} (${found})`,
  });
  const found: Problem[] = [];
  const certificate = attempt(() => new X509Certificate(cert));
  if (certificate instanceof Error) found.push(problem("cert_file", tls.cert_file, "a PEM certificate file", "no PEM certificate in it"));
  const privateKey = attempt(() => createPrivateKey(key));
  if (privateKey instanceof Error) found.push(problem("key_file", tls.key_file, "a PEM private key file (not encrypted)", "no usable PEM private key in it"));
  // OpenSSL itself quietly drops a key that does not match, and every handshake would fail.
  else if (!(certificate instanceof Error) && !certificate.checkPrivateKey(privateKey)) {
    found.push(problem("key_file", tls.key_file, `the private key of the certificate in ${tls.cert_file}`, "a key that does not match it"));
  }
  if (clientCa && tls.client_ca_file !== undefined && attempt(() => new X509Certificate(clientCa)) instanceof Error) {
    found.push(problem("client_ca_file", tls.client_ca_file, "a PEM file of CA certificates", "no PEM certificate in it"));
  }
  return found;
}

function attempt<T>(run: () => T): T | Error {
  try {
    return run();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function fail(file: string, problems: readonly Problem[]): ConfigError {
  return new ConfigError(file, [...new Set(problems.map((problem) => formatProblem(file, problem)))]);
}
