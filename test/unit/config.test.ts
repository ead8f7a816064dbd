import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, parseConfig, resolveConfigPath } from "../../src/config/load.js";
import { secretsOf, type Config, type SinkConfig, type ZoneConfig } from "../../src/config/schema.js";
import { DEFAULT_ZONE_SOURCE_NAMES, SOURCE_NAMES } from "../../src/stores/registry.js";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const TOKEN_ENV = { CLOUDFLARE_API_TOKEN: "env-token-0123456789" };
const minimal = `zones:\n  - id: ${ZONE}\n`;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DEMO_ENV = {
  CERTWATCH_DEMO_TOKEN: "demo-token",
  CERTWATCH_DEMO_BASE_URL: "http://127.0.0.1:41234/client/v4/",
  CERTWATCH_DEMO_STATE_DIR: "/tmp/certwatch-demo-state",
  CERTWATCH_DEMO_WEBHOOK_URL: "http://127.0.0.1:41235/hook",
  CERTWATCH_DEMO_WEBHOOK_SECRET: "demo-webhook-secret",
  CERTWATCH_DEMO_LISTEN: "127.0.0.1:9798",
};

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
      {
        id: ZONE,
        name: "example.com",
        hostnames: ["app.example.com", "api.example.com"],
        thresholds: { warning_days: 30, critical_days: 7 },
        sources: [...DEFAULT_ZONE_SOURCE_NAMES],
        sources_explicit: false,
        custom_hostnames: { mode: "per_hostname" },
      },
      {
        id: "9a7806061c88ada191ed06f989cc3dac",
        name: "example.net",
        hostnames: [],
        thresholds: { warning_days: 14, critical_days: 3 },
        sources: [...DEFAULT_ZONE_SOURCE_NAMES],
        sources_explicit: false,
        custom_hostnames: { mode: "per_hostname" },
      },
    ] satisfies ZoneConfig[]);
    expect(config.discover).toEqual({ enabled: false, accounts: false, account_id: null, name: null, statuses: ["active"] } satisfies Config["discover"]);
    expect(config.server).toEqual({ listen: "0.0.0.0:9798", host: "0.0.0.0", port: 9798 });
    expect(config.alerts).toEqual({
      repeat_interval_ms: 4 * HOUR,
      send_resolved: true,
      pending_grace_ms: HOUR,
      source_down_after_ms: 30 * MINUTE,
      queue_max: 10000,
      external_url: "http://localhost:9798/",
      runbook_base_url: "https://github.com/certwatch/certwatch/blob/main/docs/alerts.md",
      sinks: [],
      silences: [],
    } satisfies Config["alerts"]);
    expect(config.state_dir).toBe("./data");
  });

  it("has a valid example of every sink type in config/certwatch.example.yaml, ready to uncomment", () => {
    const lines = readFileSync("config/certwatch.example.yaml", "utf8").split("\n");
    const start = lines.indexOf("  sinks:") + 1;
    let end = start;
    while (lines[end]?.startsWith("    #")) end++;
    expect(end - start).toBeGreaterThan(10);
    const uncommented = [...lines.slice(0, start), ...lines.slice(start, end).map((line) => line.replace(/^ {4}# /, "    ")), ...lines.slice(end)];
    const env = {
      ...TOKEN_ENV,
      CERTWATCH_WEBHOOK_SECRET: "whsec-0123456789",
      CERTWATCH_WEBHOOK_TOKEN: "bearer-0123456789",
      SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/T000/B000/XXXXXXXX",
      PAGERDUTY_ROUTING_KEY: "R0UT1NGKEY0123456789",
    };
    const config = parseConfig(uncommented.join("\n"), "example.yaml", env);
    expect(config.alerts.sinks).toEqual([
      {
        name: "oncall",
        type: "webhook",
        url: "https://hooks.example/certwatch",
        secret: "whsec-0123456789",
        headers: { Authorization: "Bearer bearer-0123456789" },
        min_severity: "warning",
      },
      { name: "chat", type: "slack", url: "https://hooks.slack.com/services/T000/B000/XXXXXXXX", min_severity: "warning" },
      { name: "pager", type: "pagerduty", routing_key: "R0UT1NGKEY0123456789", url: "https://events.pagerduty.com/v2/enqueue", min_severity: "critical" },
      { name: "am", type: "alertmanager", url: "http://alertmanager:9093", min_severity: "warning" },
    ] satisfies SinkConfig[]);
    expect(secretsOf(config)).toEqual([
      "env-token-0123456789",
      "whsec-0123456789",
      "Bearer bearer-0123456789",
      "https://hooks.slack.com/services/T000/B000/XXXXXXXX",
      "R0UT1NGKEY0123456789",
    ]);
  });

  it("documents zone sources and discovery in config/certwatch.example.yaml with valid examples, ready to uncomment", () => {
    const text = readFileSync("config/certwatch.example.yaml", "utf8");
    for (const key of ["sources", "custom_hostnames", "mode", "discover", "enabled", "account_id", "name", ...SOURCE_NAMES]) {
      expect(text).toMatch(new RegExp(`^\\s*#?\\s*${key}\\b`, "m"));
    }
    const uncommented = text
      .replace(/^( {4})# (sources: \[)/m, "$1$2")
      .replace(/^( {2})# (account_id: ")/m, "$1$2")
      .replace(/^( {2})# (name: ")/m, "$1$2")
      .replace(/^( {2}enabled: )false$/m, "$1true");
    expect(uncommented).not.toBe(text);
    const config = parseConfig(uncommented, "example.yaml", TOKEN_ENV);
    expect(config.zones.map((z) => [z.sources, z.sources_explicit, z.custom_hostnames.mode])).toEqual([
      [["trust_store", "aop_hostname_cert", "aop_hostname", "aop_zone_cert"], true, "per_hostname"],
      [[...DEFAULT_ZONE_SOURCE_NAMES], false, "per_hostname"],
    ]);
    expect(config.discover).toEqual({ enabled: true, accounts: false, account_id: "11112222333344445555666677778888", name: "contains:shop", statuses: ["active"] });
  });

  it("loads config/demo.yaml with the variables the demo script sets", () => {
    const config = loadConfig("config/demo.yaml", DEMO_ENV);
    expect(config.cloudflare.auth).toEqual({ kind: "token", token: "demo-token" });
    expect(config.cloudflare.base_url).toBe("http://127.0.0.1:41234/client/v4");
    expect(config.zones.map((z) => [z.id, z.name, z.hostnames.length])).toEqual([
      ["5f3c2a1b0e9d8c7b6a5f4e3d2c1b0a99", "example.com", 4],
      ["6a4d3b2c1f0e9d8c7b6a5f4e3d2c1b00", "example.net", 0],
    ]);
    expect(config.zones[0]?.hostnames).toContain("missing.example.com");
    expect(config.zones.map((z) => z.custom_hostnames.mode)).toEqual(["per_hostname", "per_hostname"]);
    expect(config.zones.every((z) => z.sources.length === DEFAULT_ZONE_SOURCE_NAMES.length && !z.sources_explicit)).toBe(true);
    // The simulator's third zone, example.org, is found by discovery, not listed; so is the account Example Labs.
    expect(config.discover).toEqual({ enabled: true, accounts: true, account_id: null, name: null, statuses: ["active"] } satisfies Config["discover"]);
    expect(config.accounts.map((a) => [a.id, a.name, a.scope, a.sources.length])).toEqual([["11112222333344445555666677778888", "Example Account", "account", 3]]);
    expect(readFileSync("config/demo.yaml", "utf8")).toMatch(/^ {4}custom_hostnames: \{ mode: per_hostname \}$/m);
    expect(config.schedule).toBe("*/30 * * * * *");
    expect(config.server).toEqual({ listen: "127.0.0.1:9798", host: "127.0.0.1", port: 9798 });
    expect(config.log).toEqual({ level: "info", format: "pretty" });
    expect(config.state_dir).toBe("/tmp/certwatch-demo-state");
    expect(config.alerts).toEqual({
      repeat_interval_ms: 4 * HOUR,
      send_resolved: true,
      pending_grace_ms: HOUR,
      source_down_after_ms: 30 * MINUTE,
      queue_max: 10000,
      external_url: "http://127.0.0.1:9798/",
      runbook_base_url: "https://github.com/certwatch/certwatch/blob/main/docs/alerts.md",
      sinks: [
        {
          name: "demo-receiver",
          type: "webhook",
          url: "http://127.0.0.1:41235/hook",
          secret: "demo-webhook-secret",
          headers: {},
          min_severity: "warning",
        },
      ],
      silences: [],
    } satisfies Config["alerts"]);
    expect(secretsOf(config)).toEqual(["demo-token", "demo-webhook-secret"]);
  });

  it("names every demo variable when they are not set", () => {
    expect(() => loadConfig("config/demo.yaml", {})).toThrow(
      [
        "cloudflare.api_token: expected environment variable CERTWATCH_DEMO_TOKEN to be set, found it unset",
        "cloudflare.base_url: expected environment variable CERTWATCH_DEMO_BASE_URL to be set, found it unset",
        "server.listen: expected environment variable CERTWATCH_DEMO_LISTEN to be set, found it unset",
        "alerts.sinks[0].url: expected environment variable CERTWATCH_DEMO_WEBHOOK_URL to be set, found it unset",
        "alerts.sinks[0].secret: expected environment variable CERTWATCH_DEMO_WEBHOOK_SECRET to be set, found it unset",
        "state_dir: expected environment variable CERTWATCH_DEMO_STATE_DIR to be set, found it unset",
      ]
        .map((line) => `config/demo.yaml: ${line}`)
        .join("\n"),
    );
  });
});

describe("defaults", () => {
  it("fills every optional key for a config that only names a zone", () => {
    expect(load(minimal)).toEqual({
      file: "test.yaml",
      cloudflare: {
        auth: { kind: "token", token: "env-token-0123456789" },
        credentials: [{ name: "default", auth: { kind: "token", token: "env-token-0123456789" }, max_requests_per_5m: 600 }],
        base_url: "https://api.cloudflare.com/client/v4",
        timeout_seconds: 30,
        max_requests_per_5m: 600,
        max_retries: 4,
        retry_after_cap_seconds: 300,
        concurrency: 4,
        source_timeout_seconds: 120,
      },
      zones: [
        {
          id: ZONE,
          name: ZONE,
          hostnames: [],
          thresholds: { warning_days: 30, critical_days: 7 },
          sources: [...DEFAULT_ZONE_SOURCE_NAMES],
          sources_explicit: false,
          custom_hostnames: { mode: "per_hostname" },
        },
      ],
      schedule: "*/5 * * * *",
      thresholds: { warning_days: 30, critical_days: 7 },
      server: { listen: "0.0.0.0:9798", host: "0.0.0.0", port: 9798 },
      log: { level: "info", format: "json" },
      alerts: {
        repeat_interval_ms: 4 * HOUR,
        send_resolved: true,
        pending_grace_ms: HOUR,
        source_down_after_ms: 30 * MINUTE,
        queue_max: 10000,
        external_url: "http://localhost:9798/",
        runbook_base_url: "https://github.com/certwatch/certwatch/blob/main/docs/alerts.md",
        sinks: [],
        silences: [],
      },
      state_dir: "./data",
      accounts: [],
      discover: { enabled: false, accounts: false, account_id: null, name: null, statuses: ["active"] },
      max_staleness_ms: 86_400_000,
      labels: {},
    } satisfies Config);
  });

  it("treats empty sections and keys as unset", () => {
    const config = load(`${minimal}    thresholds:\ncloudflare:\nthresholds:\n  warning_days:\nlog:\nalerts:\n  sinks:\nstate_dir:\n`);
    expect(config.thresholds).toEqual({ warning_days: 30, critical_days: 7 });
    expect(config.zones[0]?.thresholds).toEqual({ warning_days: 30, critical_days: 7 });
    expect(config.cloudflare.concurrency).toBe(4);
    expect(config.log.format).toBe("json");
    expect(config.alerts).toEqual(load(minimal).alerts);
    expect(config.state_dir).toBe("./data");
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
    expect(config.zones[0]).toEqual({
      id: ZONE,
      name: "app-app.example.com",
      hostnames: ["app.example.com", "www.example.com"],
      thresholds: { warning_days: 30, critical_days: 7 },
      sources: [...DEFAULT_ZONE_SOURCE_NAMES],
      sources_explicit: false,
      custom_hostnames: { mode: "per_hostname" },
    } satisfies ZoneConfig);
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
