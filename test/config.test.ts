import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, parseConfig, resolveConfigPath } from "../src/config/load.js";
import { secretsOf, type Config } from "../src/config/schema.js";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const TOKEN_ENV = { CLOUDFLARE_API_TOKEN: "env-token-0123456789" };
const minimal = `zones:\n  - id: ${ZONE}\n`;

function load(text: string, env: NodeJS.ProcessEnv = TOKEN_ENV): Config {
  return parseConfig(text, "test.yaml", env);
}

describe("shipped config files", () => {
  it("loads config/certwatch.example.yaml with the token from the environment", () => {
    const config = loadConfig("config/certwatch.example.yaml", TOKEN_ENV);
    expect(config.file).toBe("config/certwatch.example.yaml");
    expect(config.cloudflare.auth).toEqual({ kind: "token", token: "env-token-0123456789" });
    expect(config.cloudflare.base_url).toBe("https://api.cloudflare.com/client/v4");
    expect(config.zones).toEqual([
      { id: ZONE, name: "example.com", hostnames: ["app.example.com", "api.example.com"] },
      { id: "9a7806061c88ada191ed06f989cc3dac", name: "example.net", hostnames: [] },
    ]);
    expect(config.server).toEqual({ listen: "0.0.0.0:9798", host: "0.0.0.0", port: 9798 });
  });

  it("loads config/demo.yaml with the two variables the demo script sets", () => {
    const config = loadConfig("config/demo.yaml", {
      CERTWATCH_DEMO_TOKEN: "demo-token",
      CERTWATCH_DEMO_BASE_URL: "http://127.0.0.1:41234/client/v4/",
    });
    expect(config.cloudflare.auth).toEqual({ kind: "token", token: "demo-token" });
    expect(config.cloudflare.base_url).toBe("http://127.0.0.1:41234/client/v4");
    expect(config.zones.map((z) => [z.id, z.name, z.hostnames.length])).toEqual([
      ["5f3c2a1b0e9d8c7b6a5f4e3d2c1b0a99", "example.com", 4],
      ["6a4d3b2c1f0e9d8c7b6a5f4e3d2c1b00", "example.net", 0],
    ]);
    expect(config.zones[0]?.hostnames).toContain("missing.example.com");
    expect(config.schedule).toBe("*/30 * * * * *");
    expect(config.server).toEqual({ listen: "127.0.0.1:9798", host: "127.0.0.1", port: 9798 });
    expect(config.log).toEqual({ level: "info", format: "pretty" });
  });

  it("names both demo variables when they are not set", () => {
    expect(() => loadConfig("config/demo.yaml", {})).toThrow(
      "config/demo.yaml: cloudflare.api_token: expected environment variable CERTWATCH_DEMO_TOKEN to be set, found it unset\n" +
        "config/demo.yaml: cloudflare.base_url: expected environment variable CERTWATCH_DEMO_BASE_URL to be set, found it unset",
    );
  });
});

describe("defaults", () => {
  it("fills every optional key for a config that only names a zone", () => {
    expect(load(minimal)).toEqual({
      file: "test.yaml",
      cloudflare: {
        auth: { kind: "token", token: "env-token-0123456789" },
        base_url: "https://api.cloudflare.com/client/v4",
        timeout_seconds: 30,
        max_requests_per_5m: 600,
        max_retries: 4,
        retry_after_cap_seconds: 300,
        concurrency: 4,
      },
      zones: [{ id: ZONE, name: ZONE, hostnames: [] }],
      schedule: "*/5 * * * *",
      thresholds: { warning_days: 30, critical_days: 7 },
      server: { listen: "0.0.0.0:9798", host: "0.0.0.0", port: 9798 },
      log: { level: "info", format: "json" },
    } satisfies Config);
  });

  it("treats empty sections and keys as unset", () => {
    const config = load(`${minimal}cloudflare:\nthresholds:\n  warning_days:\nlog:\n`);
    expect(config.thresholds).toEqual({ warning_days: 30, critical_days: 7 });
    expect(config.cloudflare.concurrency).toBe(4);
    expect(config.log.format).toBe("json");
  });
});

describe("${VAR} substitution", () => {
  const env = { ...TOKEN_ENV, HOST: "api.internal", APP: "app", ZONE_ID: ZONE, N: "8", SECS: "2.5" };

  it("replaces whole values, parts of strings and list items", () => {
    const config = load(
      [
        "cloudflare:",
        "  base_url: https://${HOST}/client/v4",
        "  concurrency: ${N}",
        "  timeout_seconds: ${SECS}",
        "zones:",
        "  - id: ${ZONE_ID}",
        "    name: ${APP}-${APP}.example.com",
        '    hostnames: ["${APP}.example.com", "www.example.com"]',
      ].join("\n"),
      env,
    );
    expect(config.cloudflare.base_url).toBe("https://api.internal/client/v4");
    expect(config.cloudflare.concurrency).toBe(8);
    expect(config.cloudflare.timeout_seconds).toBe(2.5);
    expect(config.zones[0]).toEqual({ id: ZONE, name: "app-app.example.com", hostnames: ["app.example.com", "www.example.com"] });
  });

  it("keeps $${VAR} as a literal ${VAR} and does not rescan substituted text", () => {
    const config = load(`zones:\n  - id: ${ZONE}\n    name: "$\${NOT_SET} and \${TRICK}"\n`, { ...env, TRICK: "${HOST}" });
    expect(config.zones[0]?.name).toBe("${NOT_SET} and ${HOST}");
  });

  it("names the missing variable and the key path, once per variable", () => {
    const text = `zones:\n  - id: ${ZONE}\n    hostnames: [ok.example.com, "\${SUB}.\${DOMAIN}"]\n`;
    expect(() => load(text, env)).toThrow(
      "test.yaml: zones[0].hostnames[1]: expected environment variable SUB to be set, found it unset\n" +
        "test.yaml: zones[0].hostnames[1]: expected environment variable DOMAIN to be set, found it unset",
    );
  });

  it("rejects malformed references instead of passing them through", () => {
    const problems = problemsOf(`${minimal}schedule: "\${1BAD} \${OPEN"\n`);
    expect(problems).toEqual([
      'test.yaml: schedule: expected ${NAME} with NAME made of letters, digits and _ (write $${ for a literal ${), found "${1BAD}"',
      'test.yaml: schedule: expected a closing } after ${ (write $${ for a literal ${), found "${1BAD} ${OPEN"',
    ]);
  });

  it("substitutes an empty but set variable as an empty string", () => {
    const config = load(`${minimal}    name: "zone\${EMPTY}"\n`, { ...env, EMPTY: "" });
    expect(config.zones[0]?.name).toBe("zone");
  });
});

describe("credentials", () => {
  it("falls back to CLOUDFLARE_API_TOKEN", () => {
    expect(load(minimal, { CLOUDFLARE_API_TOKEN: " tok-from-env\n" }).cloudflare.auth).toEqual({ kind: "token", token: "tok-from-env" });
  });

  it("falls back to CLOUDFLARE_API_KEY + CLOUDFLARE_EMAIL", () => {
    const auth = load(minimal, { CLOUDFLARE_API_KEY: "global-key-123", CLOUDFLARE_EMAIL: "ops@example.com" }).cloudflare.auth;
    expect(auth).toEqual({ kind: "key", key: "global-key-123", email: "ops@example.com" });
  });

  it("combines a key in the file with the email from env", () => {
    const auth = load(`${minimal}cloudflare: { api_key: file-key-123 }\n`, { CLOUDFLARE_EMAIL: "ops@example.com" }).cloudflare.auth;
    expect(auth).toEqual({ kind: "key", key: "file-key-123", email: "ops@example.com" });
  });

  it("prefers the token when a token and a key are both given", () => {
    const text = `${minimal}cloudflare: { api_token: file-token-1, api_key: file-key-1, api_email: a@example.com }\n`;
    expect(load(text, {}).cloudflare.auth).toEqual({ kind: "token", token: "file-token-1" });
    const fromEnv = { CLOUDFLARE_API_TOKEN: "env-token-1", CLOUDFLARE_API_KEY: "env-key-1", CLOUDFLARE_EMAIL: "a@example.com" };
    expect(load(minimal, fromEnv).cloudflare.auth).toEqual({ kind: "token", token: "env-token-1" });
  });

  it("prefers a key written in the file over a token that only the environment has", () => {
    const text = `${minimal}cloudflare: { api_key: file-key-1, api_email: a@example.com }\n`;
    expect(load(text, TOKEN_ENV).cloudflare.auth).toEqual({ kind: "key", key: "file-key-1", email: "a@example.com" });
  });

  it("counts an empty api_token as unset and uses the env token", () => {
    expect(load(`${minimal}cloudflare: { api_token: "" }\n`).cloudflare.auth).toEqual({ kind: "token", token: "env-token-0123456789" });
  });

  it("secretsOf lists the token or the key, never the email", () => {
    expect(secretsOf(load(minimal))).toEqual(["env-token-0123456789"]);
    const keyConfig = load(minimal, { CLOUDFLARE_API_KEY: "global-key-123", CLOUDFLARE_EMAIL: "ops@example.com" });
    expect(secretsOf(keyConfig)).toEqual(["global-key-123"]);
  });
});

describe("base_url", () => {
  it("uses CLOUDFLARE_BASE_URL when the file has none, and strips the trailing slash", () => {
    expect(load(minimal, { ...TOKEN_ENV, CLOUDFLARE_BASE_URL: "http://localhost:8080/client/v4/" }).cloudflare.base_url).toBe(
      "http://localhost:8080/client/v4",
    );
  });

  it("prefers the file over CLOUDFLARE_BASE_URL", () => {
    const text = `${minimal}cloudflare: { base_url: "https://proxy.example.com/cf/" }\n`;
    expect(load(text, { ...TOKEN_ENV, CLOUDFLARE_BASE_URL: "http://localhost:1" }).cloudflare.base_url).toBe("https://proxy.example.com/cf");
  });

  it("rejects a non-http URL, naming the env variable when it came from there", () => {
    expect(problemsOf(minimal, { ...TOKEN_ENV, CLOUDFLARE_BASE_URL: "ftp://x.example.com" })).toEqual([
      'test.yaml: cloudflare.base_url: expected an http(s) URL without credentials, query or fragment, found "ftp://x.example.com" (from env CLOUDFLARE_BASE_URL)',
    ]);
    expect(problemsOf(`${minimal}cloudflare: { base_url: "https://x.example.com/v4?a=1" }\n`)).toEqual([
      'test.yaml: cloudflare.base_url: expected an http(s) URL without credentials, query or fragment, found "https://x.example.com/v4?a=1"',
    ]);
  });
});

describe("resolveConfigPath", () => {
  it("takes --config, then CERTWATCH_CONFIG, then the default; empty counts as unset", () => {
    expect(resolveConfigPath("/etc/cw.yaml", { CERTWATCH_CONFIG: "/env.yaml" })).toBe("/etc/cw.yaml");
    expect(resolveConfigPath(undefined, { CERTWATCH_CONFIG: "/env.yaml" })).toBe("/env.yaml");
    expect(resolveConfigPath("", { CERTWATCH_CONFIG: "" })).toBe("config/certwatch.yaml");
    expect(resolveConfigPath(undefined, {})).toBe("config/certwatch.yaml");
  });
});

function problemsOf(text: string, env: NodeJS.ProcessEnv = TOKEN_ENV): string[] {
  try {
    load(text, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}
