// The web configuration file (exporter-toolkit format): its checks, basic auth in front of
// everything but the probes, extra headers, and TLS with each client auth type, over loopback.
import bcrypt from "bcryptjs";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Gauge, Registry } from "prom-client";
import { Agent, request } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { parseCli, UsageError } from "../../src/cli/args.js";
import { parseConfig } from "../../src/config/load.js";
import { createLogger } from "../../src/log/logger.js";
import { startHttpServer, type RunningHttpServer } from "../../src/server/http-server.js";
import { BasicAuth, parseBasic, VERIFIED_TTL_MS } from "../../src/web/basic-auth.js";
import { loadWebConfig, parseWebConfig, type WebConfig } from "../../src/web/load-web-config.js";
import { caught, problemsOf, TOKEN_ENV } from "../helpers/config-problems.js";
import { LogCapture } from "../helpers/harness.js";
import { makeTlsFixtures, type TlsFixtures } from "../helpers/tls-fixtures.js";

const PASSWORD = "scrape-password-7d1f";
const HASH = bcrypt.hashSync(PASSWORD, 4);
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

let tls: TlsFixtures;
beforeAll(async () => {
  tls = await makeTlsFixtures();
});

function problems(text: string): string[] {
  return caught(() => parseWebConfig(text, join(tls.dir, "web.yml"))).problems.map((line) => line.slice(`${join(tls.dir, "web.yml")}: `.length));
}

describe("web config checks", () => {
  it("accepts the toolkit's format, resolving paths against the file's directory", () => {
    writeFileSync(
      join(tls.dir, "web.yml"),
      [
        "tls_server_config:",
        "  cert_file: server.crt",
        "  key_file: server.key",
        "  client_ca_file: ca.pem",
        "  client_auth_type: VerifyClientCertIfGiven",
        "  min_version: TLS13",
        "http_server_config:",
        "  headers:",
        "    X-Frame-Options: deny",
        "basic_auth_users:",
        `  prometheus: ${HASH}`,
      ].join("\n"),
    );
    const web = loadWebConfig(join(tls.dir, "web.yml"));
    expect(web.tls).toMatchObject({ clientAuth: "VerifyClientCertIfGiven", minVersion: "TLSv1.3", maxVersion: null });
    expect(web.tls?.cert.toString()).toBe(tls.server.certPem);
    expect([...web.users.keys()]).toEqual(["prometheus"]);
    expect(web.headers).toEqual({ "X-Frame-Options": "deny" });
  });

  it("takes an empty file as no change (plain HTTP, no auth)", () => {
    expect(parseWebConfig("# nothing yet\n", "web.yml")).toMatchObject({ tls: null, users: new Map(), headers: {} });
  });

  it("names file, key path, expected and found for every problem at once", () => {
    const lines = problems(
      [
        "tls_server_config:",
        "  cert_file: server.crt",
        "  client_auth_type: RequireClientCertPlease",
        "  min_version: TLS10",
        "  cipher_suites: [TLS_AES_128_GCM_SHA256]",
        "basic_auth_users:",
        "  alice: hunter2",
        "http_server_config:",
        "  headers:",
        "    Content-Type: text/html",
        "    X-Frame-Options: allow",
        "tls_config: {}",
      ].join("\n"),
    );
    expect(lines).toEqual([
      "tls_server_config.key_file: expected the path of the server's PEM private key, found nothing",
      'tls_server_config.client_auth_type: expected one of NoClientCert, RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven, RequireAndVerifyClientCert, found "RequireClientCertPlease"',
      'tls_server_config.min_version: expected one of TLS12, TLS13, found "TLS10"',
      "tls_server_config.cipher_suites: expected no cipher_suites: certwatch uses Node's TLS cipher defaults, found [\"TLS_AES_128_GCM_SHA256\"]",
      'basic_auth_users.alice: expected a bcrypt hash such as "$2y$10$…" (htpasswd -nBC 10 USER), found "<redacted>"',
      'http_server_config.headers.Content-Type: expected one of Strict-Transport-Security, X-Content-Type-Options, X-Frame-Options, X-XSS-Protection, Content-Security-Policy (other headers cannot be set), found "Content-Type"',
      'http_server_config.headers.X-Frame-Options: expected one of deny, sameorigin, found "allow"',
      "tls_config: expected one of tls_server_config, basic_auth_users, http_server_config, found an unknown key",
    ]);
  });

  it("checks client auth against the client CA, and the files themselves", () => {
    expect(problems("tls_server_config: { cert_file: server.crt, key_file: server.key, client_auth_type: RequireAndVerifyClientCert }")).toEqual([
      "tls_server_config.client_ca_file: expected the CA file client certificates are verified against (client_auth_type is RequireAndVerifyClientCert), found nothing",
    ]);
    expect(problems("tls_server_config: { cert_file: server.crt, key_file: server.key, client_ca_file: ca.pem }")).toEqual([
      'tls_server_config.client_auth_type: expected a client_auth_type that asks for client certificates (client_ca_file is set), found "NoClientCert"',
    ]);
    expect(problems("tls_server_config: { cert_file: missing.crt, key_file: server.key }")).toEqual([
      `tls_server_config.cert_file: expected a readable PEM certificate file, found "${join(tls.dir, "missing.crt")}" (no such file (ENOENT))`,
    ]);
    writeFileSync(join(tls.dir, "other.key"), tls.strangerClient.keyPem);
    expect(problems("tls_server_config: { cert_file: server.crt, key_file: other.key }")).toEqual([
      'tls_server_config.key_file: expected the private key of the certificate in server.crt, found "other.key" (a key that does not match it)',
    ]);
    writeFileSync(join(tls.dir, "garbage.pem"), "not a pem\n");
    expect(problems("tls_server_config: { cert_file: garbage.pem, key_file: garbage.pem, client_auth_type: RequestClientCert, client_ca_file: garbage.pem }")).toEqual([
      'tls_server_config.cert_file: expected a PEM certificate file, found "garbage.pem" (no PEM certificate in it)',
      'tls_server_config.key_file: expected a PEM private key file (not encrypted), found "garbage.pem" (no usable PEM private key in it)',
      'tls_server_config.client_ca_file: expected a PEM file of CA certificates, found "garbage.pem" (no PEM certificate in it)',
    ]);
  });

  it("says what the root should be, and where YAML breaks", () => {
    expect(problems("- a list\n")).toEqual(['(root): expected a YAML mapping with tls_server_config, basic_auth_users and/or http_server_config, found ["a list"]']);
    expect(problems("basic_auth_users: {\n")[0]).toMatch(/^line \d+, column \d+: expected valid YAML, found /);
  });

  it("refuses a missing file as a config error", () => {
    const error = caught(() => loadWebConfig(join(tls.dir, "nope.yml")));
    expect(error.problems).toEqual([`${join(tls.dir, "nope.yml")}: (file): expected a readable web configuration file (YAML), found no such file (ENOENT)`]);
  });
});

describe("where the web config comes from", () => {
  const zones = "zones:\n  - id: 023e105f4ecef8ad9ca31a8372d0c353\n";

  it("server.web_config_file is resolved against the config file's directory", () => {
    const config = parseConfig(`${zones}server: { web_config_file: web.yml }\n`, "/etc/certwatch/certwatch.yaml", TOKEN_ENV);
    expect(config.server.web_config_file).toBe("/etc/certwatch/web.yml");
    expect(parseConfig(zones, "/etc/certwatch/certwatch.yaml", TOKEN_ENV).server.web_config_file).toBeUndefined();
    expect(problemsOf(`${zones}server: { web_config_file: "  " }\n`)).toEqual([
      'bad.yaml: server.web_config_file: expected the path of a web configuration file (TLS and basic auth, exporter-toolkit format), found "  "',
    ]);
  });

  it("--web.config.file is a daemon flag", () => {
    expect(parseCli(["--web.config.file", "web.yml"])).toEqual({ kind: "run", configPath: undefined, webConfigFile: "web.yml" });
    expect(() => parseCli(["check", "--web.config.file", "web.yml"])).toThrow(UsageError);
  });
});

describe("basic auth", () => {
  afterEach(() => vi.restoreAllMocks());

  it("parses the header, password colons included", () => {
    expect(parseBasic(basic("u", "a:b"))).toEqual({ user: "u", password: "a:b" });
    expect(parseBasic("Bearer x")).toBeNull();
    expect(parseBasic(undefined)).toBeNull();
  });

  it("runs bcrypt once per (user, password) while the verification is fresh", async () => {
    let now = 0;
    const auth = new BasicAuth(new Map([["prometheus", HASH]]), () => now);
    const compare = vi.spyOn(bcrypt, "compare");
    expect(await auth.allows(basic("prometheus", PASSWORD))).toBe(true);
    expect(await auth.allows(basic("prometheus", PASSWORD))).toBe(true);
    expect(compare).toHaveBeenCalledTimes(1);
    expect(await auth.allows(basic("prometheus", "wrong"))).toBe(false);
    expect(await auth.allows(basic("prometheus", "wrong"))).toBe(false);
    expect(await auth.allows(basic("nobody", PASSWORD))).toBe(false);
    expect(compare).toHaveBeenCalledTimes(4);
    now += VERIFIED_TTL_MS + 1;
    expect(await auth.allows(basic("prometheus", PASSWORD))).toBe(true);
    expect(compare).toHaveBeenCalledTimes(5);
  });
});

async function serve(web: WebConfig): Promise<RunningHttpServer> {
  const registry = new Registry();
  new Gauge({ name: "certwatch_build_info", help: "Always 1.", registers: [registry] }).set(1);
  return startHttpServer({
    host: "127.0.0.1",
    port: 0,
    registry,
    isReady: () => true,
    statusPage: () => ({ version: "test", lastCycleAt: null, rows: [], health: [], credentials: [], discovery: null, firing: [] }) as never,
    now: () => Date.now(),
    reload: async () => ({ ok: true, zonesAdded: [], zonesRemoved: [], needsRestart: [] }),
    logger: createLogger({ level: "silent", format: "json", secrets: [], destination: new LogCapture() }),
    web,
  });
}

describe("an HTTP server with basic_auth_users and headers", () => {
  let server: RunningHttpServer;
  beforeAll(async () => {
    server = await serve(parseWebConfig(`basic_auth_users: { prometheus: "${HASH}" }\nhttp_server_config: { headers: { X-Content-Type-Options: nosniff } }\n`, "web.yml"));
  });
  afterAll(() => server?.close());

  it("answers 401 with a Basic challenge without the right password", async () => {
    for (const authorization of [undefined, basic("prometheus", "wrong"), basic("mallory", PASSWORD)]) {
      for (const [method, path] of [["GET", "/metrics"], ["GET", "/"], ["POST", "/-/reload"]] as const) {
        const res = await request(`${server.url}${path}`, { method, headers: authorization ? { authorization } : {} });
        await res.body.text();
        expect(res.statusCode, `${method} ${path} with ${authorization}`).toBe(401);
        expect(res.headers["www-authenticate"]).toBe('Basic realm="certwatch"');
      }
    }
  });

  it("serves /metrics and reloads with it", async () => {
    const metrics = await request(`${server.url}/metrics`, { headers: { authorization: basic("prometheus", PASSWORD) } });
    expect(metrics.statusCode).toBe(200);
    expect(await metrics.body.text()).toContain("certwatch_build_info 1");
    expect(metrics.headers["x-content-type-options"]).toBe("nosniff");
    const reload = await request(`${server.url}/-/reload`, { method: "POST", headers: { authorization: basic("prometheus", PASSWORD) } });
    expect(reload.statusCode).toBe(200);
    await reload.body.text();
  });

  it("keeps /healthz and /readyz open for probes", async () => {
    for (const path of ["/healthz", "/readyz"]) {
      const res = await request(`${server.url}${path}`);
      expect(res.statusCode, path).toBe(200);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      await res.body.text();
    }
  });
});

describe("TLS", () => {
  const servers: RunningHttpServer[] = [];
  afterAll(async () => Promise.all(servers.map((s) => s.close())));

  async function tlsServer(clientAuth: string, extra = ""): Promise<RunningHttpServer> {
    const ca = clientAuth === "NoClientCert" || clientAuth === "RequestClientCert" ? "" : ", client_ca_file: ca.pem";
    writeFileSync(join(tls.dir, "web.yml"), `tls_server_config: { cert_file: server.crt, key_file: server.key, client_auth_type: ${clientAuth}${ca} }\n${extra}`);
    const server = await serve(loadWebConfig(join(tls.dir, "web.yml")));
    servers.push(server);
    return server;
  }

  /** The status of GET /healthz over TLS, or the error's code when the connection fails. */
  async function get(server: RunningHttpServer, client?: { certPem: string; keyPem: string }): Promise<number | string> {
    const dispatcher = new Agent({ connect: { ca: tls.caPem, servername: "localhost", ...(client ? { cert: client.certPem, key: client.keyPem } : {}) } });
    try {
      const res = await request(`${server.url}/healthz`, { dispatcher });
      await res.body.text();
      return res.statusCode;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      return (error as { code?: string }).code ?? cause?.code ?? String(error);
    } finally {
      await dispatcher.close();
    }
  }

  it("serves https with the configured certificate, TLS 1.3 when asked as the minimum", async () => {
    const server = await tlsServer("NoClientCert", "");
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(await get(server)).toBe(200);
    writeFileSync(join(tls.dir, "web.yml"), "tls_server_config: { cert_file: server.crt, key_file: server.key, min_version: TLS13 }\n");
    const tls13 = await serve(loadWebConfig(join(tls.dir, "web.yml")));
    servers.push(tls13);
    const old = new Agent({ connect: { ca: tls.caPem, servername: "localhost", maxVersion: "TLSv1.2" } });
    await expect(request(`${tls13.url}/healthz`, { dispatcher: old })).rejects.toThrow();
    await old.close();
  });

  it("RequireAndVerifyClientCert: only a certificate from client_ca_file gets in", async () => {
    const server = await tlsServer("RequireAndVerifyClientCert");
    expect(await get(server, tls.client)).toBe(200);
    expect(await get(server)).not.toBe(200);
    expect(await get(server, tls.strangerClient)).not.toBe(200);
  });

  it("VerifyClientCertIfGiven: no certificate or a trusted one, not a stranger's", async () => {
    const server = await tlsServer("VerifyClientCertIfGiven");
    expect(await get(server)).toBe(200);
    expect(await get(server, tls.client)).toBe(200);
    expect(await get(server, tls.strangerClient)).not.toBe(200);
  });

  it("RequireAnyClientCert: any certificate, but one is needed", async () => {
    const server = await tlsServer("RequireAnyClientCert");
    expect(await get(server, tls.strangerClient)).toBe(200);
    expect(await get(server)).not.toBe(200);
  });

  it("combines TLS with basic auth", async () => {
    const server = await tlsServer("NoClientCert", `basic_auth_users: { prometheus: "${HASH}" }\n`);
    const dispatcher = new Agent({ connect: { ca: tls.caPem, servername: "localhost" } });
    const denied = await request(`${server.url}/metrics`, { dispatcher });
    await denied.body.text();
    expect(denied.statusCode).toBe(401);
    const allowed = await request(`${server.url}/metrics`, { dispatcher, headers: { authorization: basic("prometheus", PASSWORD) } });
    expect(await allowed.body.text()).toContain("certwatch_build_info");
    await dispatcher.close();
  });
});
