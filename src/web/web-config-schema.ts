import { z } from "zod";

/**
 * The Prometheus exporter-toolkit web configuration file (`--web.config.file`), as far as
 * certwatch can honour it. Keys the toolkit has but Node cannot mirror faithfully are refused
 * by name rather than ignored: a cipher list an operator believes is enforced must not be
 * silently dropped.
 */

export const CLIENT_AUTH_TYPES = ["NoClientCert", "RequestClientCert", "RequireAnyClientCert", "VerifyClientCertIfGiven", "RequireAndVerifyClientCert"] as const;
export type ClientAuthType = (typeof CLIENT_AUTH_TYPES)[number];

/** Client auth types that check the certificate against client_ca_file. */
export const VERIFYING_CLIENT_AUTH: readonly ClientAuthType[] = ["VerifyClientCertIfGiven", "RequireAndVerifyClientCert"];

/** The toolkit also has TLS10 and TLS11; OpenSSL 3 (Node 20) refuses them at its default security level. */
export const TLS_VERSIONS = { TLS12: "TLSv1.2", TLS13: "TLSv1.3" } as const;
export type TlsVersionName = keyof typeof TLS_VERSIONS;
const TLS_VERSION_NAMES = Object.keys(TLS_VERSIONS) as TlsVersionName[];

/**
 * The toolkit's own list of settable headers (and, for two of them, values): anything else
 * could break the exposition (Content-Type) or authentication (WWW-Authenticate).
 */
export const ALLOWED_HEADERS: Readonly<Record<string, readonly string[] | null>> = {
  "Strict-Transport-Security": null,
  "X-Content-Type-Options": ["nosniff"],
  "X-Frame-Options": ["deny", "sameorigin"],
  "X-XSS-Protection": null,
  "Content-Security-Policy": null,
};
const ALLOWED_HEADER_NAMES = Object.keys(ALLOWED_HEADERS);

/** Go's bcrypt and htpasswd write $2a$, $2b$ or $2y$; bcryptjs verifies all three. */
const BCRYPT_HASH = /^\$2[aby]\$(0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{53}$/;
const BCRYPT_EXPECTED = 'a bcrypt hash such as "$2y$10$…" (htpasswd -nBC 10 USER)';

const filePath = (what: string) => z.string({ error: what }).trim().min(1, { error: what });

const unsupported = (key: string, why: string) => z.undefined({ error: `no ${key}: ${why}` }).optional();

const tlsVersion = z.enum(TLS_VERSION_NAMES, { error: `one of ${TLS_VERSION_NAMES.join(", ")}` });

const tlsShape = {
  cert_file: filePath("the path of the server's PEM certificate (chain)"),
  key_file: filePath("the path of the server's PEM private key"),
  client_ca_file: filePath("the path of a PEM file of the CAs that sign client certificates").optional(),
  client_auth_type: z
    .enum(CLIENT_AUTH_TYPES, { error: `one of ${CLIENT_AUTH_TYPES.join(", ")}` })
    .optional()
    .default("NoClientCert"),
  min_version: tlsVersion.optional().default("TLS12"),
  max_version: tlsVersion.optional(),
  prefer_server_cipher_suites: z.boolean({ error: "true or false" }).optional(),
  cipher_suites: unsupported("cipher_suites", "certwatch uses Node's TLS cipher defaults"),
  curve_preferences: unsupported("curve_preferences", "certwatch uses Node's TLS curve defaults"),
  client_allowed_sans: unsupported("client_allowed_sans", "certwatch does not filter client certificates by SAN"),
};

const tlsServerConfig = z.strictObject(tlsShape, { error: "a mapping with cert_file and key_file" }).superRefine((tls, ctx) => {
  const verifies = VERIFYING_CLIENT_AUTH.includes(tls.client_auth_type);
  if (tls.client_ca_file !== undefined && tls.client_auth_type === "NoClientCert") {
    ctx.addIssue({
      code: "custom",
      path: ["client_auth_type"],
      message: "a client_auth_type that asks for client certificates (client_ca_file is set)",
      params: { found: tls.client_auth_type },
    });
  }
  if (verifies && tls.client_ca_file === undefined) {
    ctx.addIssue({ code: "custom", path: ["client_ca_file"], message: `the CA file client certificates are verified against (client_auth_type is ${tls.client_auth_type})` });
  }
  const order = (v: TlsVersionName) => TLS_VERSION_NAMES.indexOf(v);
  if (tls.max_version !== undefined && order(tls.max_version) < order(tls.min_version)) {
    ctx.addIssue({ code: "custom", path: ["max_version"], message: `a version no lower than min_version (${tls.min_version})`, params: { found: tls.max_version } });
  }
});

const headerValue = z.string({ error: "a header value (text)" }).regex(/^[\t\x20-\x7e\x80-\xff]*$/, { error: "a header value on one line" });

const httpServerShape = {
  headers: z
    .record(z.string(), headerValue, { error: `a mapping of header names (${ALLOWED_HEADER_NAMES.join(", ")}) to values` })
    .superRefine((headers, ctx) => {
      for (const [name, value] of Object.entries(headers)) {
        const canonical = ALLOWED_HEADER_NAMES.find((allowed) => allowed.toLowerCase() === name.toLowerCase());
        if (canonical === undefined) {
          ctx.addIssue({ code: "custom", path: [name], message: `one of ${ALLOWED_HEADER_NAMES.join(", ")} (other headers cannot be set)`, params: { found: name } });
          continue;
        }
        const values = ALLOWED_HEADERS[canonical];
        if (values && !values.includes(value.toLowerCase())) {
          ctx.addIssue({ code: "custom", path: [name], message: `one of ${values.join(", ")}` });
        }
      }
    })
    .optional()
    .default({}),
  /** certwatch serves HTTP/1.1 only; accepted so toolkit files load unchanged. */
  http2: z.boolean({ error: "true or false" }).optional(),
};

const userName = z
  .string()
  .min(1, { error: "a user name" })
  .refine((name) => !name.includes(":"), { error: "a user name without a colon (Basic auth splits user and password at the first one)" });

const rootShape = {
  tls_server_config: tlsServerConfig.optional(),
  basic_auth_users: z
    .record(userName, z.string({ error: BCRYPT_EXPECTED }).regex(BCRYPT_HASH, { error: BCRYPT_EXPECTED }), {
      error: "a mapping of user names to bcrypt hashes",
    })
    .optional()
    .default({}),
  http_server_config: z.strictObject(httpServerShape, { error: "a mapping with headers" }).prefault({}),
};

export const webConfigSchema = z.strictObject(rootShape, { error: "a mapping with tls_server_config, basic_auth_users and/or http_server_config" });
export type RawWebConfig = z.infer<typeof webConfigSchema>;

/** The keys each mapping takes, for "unknown key" messages. */
export const WEB_CONFIG_KEYS: Readonly<Record<string, readonly string[]>> = {
  "": Object.keys(rootShape),
  tls_server_config: Object.keys(tlsShape),
  http_server_config: Object.keys(httpServerShape),
};
