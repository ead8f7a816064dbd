import { describe, expect, it } from "vitest";
import { loadConfig, parseConfig } from "../../src/config/load.js";
import { caught, problemsOf, TOKEN_ENV } from "../helpers/config-problems.js";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const minimal = `zones:\n  - id: ${ZONE}\n`;
const FIXTURES = "test/fixtures/config";

describe("every problem at once", () => {
  it("reports all nine problems of a file, in file order, each with file, path, expected and found", () => {
    const file = `${FIXTURES}/bad/many-problems.yaml`;
    const error = caught(() => loadConfig(file, { CW_TEST_KEY: "key-secret-value-123456" }));
    const expected = [
      "cloudflare.api_email: expected the account email (or env CLOUDFLARE_EMAIL) to go with api_key, found nothing",
      'cloudflare.timeout_seconds: expected a number of seconds greater than 0 and at most 300, found "thirty"',
      "cloudflare.retries: expected one of api_token, api_key, api_email, credentials, base_url, timeout_seconds, max_requests_per_5m, " +
        'max_retries, retry_after_cap_seconds, concurrency, source_timeout_seconds (did you mean "max_retries"?), found an unknown key',
      'zones[0].id: expected 32 lowercase hex characters, found "abc123"',
      'zones[0].hostnames[1]: expected a DNS hostname such as app.example.com (no wildcard, no trailing dot), found "bad_host.example.com"',
      `zones[2].id: expected a zone id not already used by zones[1], found "${ZONE}"`,
      'schedule: expected a node-cron expression of 5 or 6 fields, e.g. "*/5 * * * *", found "every 5 minutes"',
      "thresholds.critical_days: expected fewer days than warning_days (7), found 7",
      'log.level: expected one of trace, debug, info, warn, error, fatal, silent, found "loud"',
    ].map((line) => `${file}: ${line}`);
    expect(error.problems).toHaveLength(9);
    expect(error.problems).toEqual(expected);
    expect(error.file).toBe(file);
    expect(error.message).toBe(expected.join("\n"));
    expect(error.name).toBe("ConfigError");
  });
});

describe("unknown keys", () => {
  it("rejects one at the top level and says where it belongs", () => {
    expect(problemsOf(`${minimal}api_token: x\n`)).toEqual([
      'bad.yaml: api_token: expected one of cloudflare, zones, accounts, discover, schedule, thresholds, server, log, alerts, state_dir, max_staleness, labels ("api_token" belongs under cloudflare), found an unknown key',
    ]);
  });

  it("rejects nested ones in every section, suggesting the near miss", () => {
    const text = `zones:\n  - id: ${ZONE}\n    hostname: [a.example.com]\nthresholds: { warning_dayz: 40 }\nserver: { port: 1 }\n`;
    expect(problemsOf(text)).toEqual([
      'bad.yaml: zones[0].hostname: expected one of id, name, hostnames, thresholds, sources, custom_hostnames, credential, labels (did you mean "hostnames"?), found an unknown key',
      'bad.yaml: thresholds.warning_dayz: expected one of warning_days, critical_days (did you mean "warning_days"?), found an unknown key',
      "bad.yaml: server.port: expected one of listen, web_config_file, found an unknown key",
    ]);
  });
});

describe("wrong types", () => {
  it("names the expected type and shows the value found", () => {
    const text = [
      "cloudflare: { timeout_seconds: thirty, max_retries: [1] }",
      "zones:",
      `  - id: ${ZONE}`,
      "    hostnames: app.example.com",
      "log: { level: 3, format: true }",
    ].join("\n");
    expect(problemsOf(text)).toEqual([
      'bad.yaml: cloudflare.timeout_seconds: expected a number of seconds greater than 0 and at most 300, found "thirty"',
      "bad.yaml: cloudflare.max_retries: expected an integer from 0 to 10, found [1]",
      'bad.yaml: zones[0].hostnames: expected a list of hostnames, found "app.example.com"',
      "bad.yaml: log.level: expected one of trace, debug, info, warn, error, fatal, silent, found 3",
      "bad.yaml: log.format: expected one of json, pretty, found true",
    ]);
  });

  it("rejects zones that are not a non-empty list, and a document that is not a mapping", () => {
    expect(problemsOf("zones: {}\n")).toEqual(["bad.yaml: zones: expected a list of zones, found {}"]);
    expect(problemsOf("zones: []\n")).toEqual(["bad.yaml: zones: expected at least one zone, or accounts, or discover.enabled: true, found []"]);
    expect(problemsOf("zones: [a]\n")).toEqual([
      'bad.yaml: zones[0]: expected a mapping with id, name, hostnames, thresholds, sources, custom_hostnames, credential, labels, found "a"',
    ]);
    expect(problemsOf("- a\n- b\n")).toEqual(['bad.yaml: (root): expected a YAML mapping of settings (at least "zones" or "discover"), found ["a","b"]']);
  });

  it("checks ranges of the numeric settings", () => {
    const text = `${minimal}cloudflare: { max_requests_per_5m: 1201, retry_after_cap_seconds: 0, concurrency: 33 }\nthresholds: { warning_days: 0, critical_days: 1.5 }\n`;
    expect(problemsOf(text)).toEqual([
      "bad.yaml: cloudflare.max_requests_per_5m: expected an integer from 1 to 1200, found 1201",
      "bad.yaml: cloudflare.retry_after_cap_seconds: expected an integer from 1 to 3600, found 0",
      "bad.yaml: cloudflare.concurrency: expected an integer from 1 to 32, found 33",
      "bad.yaml: thresholds.warning_days: expected a whole number of days greater than 0, found 0",
      "bad.yaml: thresholds.critical_days: expected a whole number of days greater than 0, found 1.5",
    ]);
  });
});

describe("thresholds", () => {
  it("requires critical_days below warning_days, also against a default", () => {
    expect(problemsOf(`${minimal}thresholds: { warning_days: 10, critical_days: 12 }\n`)).toEqual([
      "bad.yaml: thresholds.critical_days: expected fewer days than warning_days (10), found 12",
    ]);
    expect(problemsOf(`${minimal}thresholds: { warning_days: 5 }\n`)).toEqual([
      "bad.yaml: thresholds.critical_days: expected fewer days than warning_days (5), found 7 (the default)",
    ]);
  });
});

describe("credentials errors", () => {
  it("reports missing credentials, naming both ways to give them", () => {
    expect(problemsOf(minimal, {})).toEqual([
      "bad.yaml: cloudflare.api_token: expected credentials: api_token (or env CLOUDFLARE_API_TOKEN), or api_key + api_email " +
        "(or env CLOUDFLARE_API_KEY + CLOUDFLARE_EMAIL), found none of them set",
    ]);
  });

  it("names the missing half of a key + email pair", () => {
    expect(problemsOf(`${minimal}cloudflare: { api_key: the-global-key }\n`, {})).toEqual([
      "bad.yaml: cloudflare.api_email: expected the account email (or env CLOUDFLARE_EMAIL) to go with api_key, found nothing",
    ]);
    expect(problemsOf(minimal, { CLOUDFLARE_EMAIL: "ops@example.com" })).toEqual([
      "bad.yaml: cloudflare.api_key: expected a global API key (or env CLOUDFLARE_API_KEY) to go with api_email, found nothing",
    ]);
  });
});

describe("YAML and file errors", () => {
  it("gives line and column for a syntax error", () => {
    const file = `${FIXTURES}/bad/syntax.yaml`;
    expect(caught(() => loadConfig(file, TOKEN_ENV)).problems).toEqual([
      `${file}: line 4, column 9: expected valid YAML, found Nested mappings are not allowed in compact mappings (BLOCK_AS_IMPLICIT_KEY)`,
    ]);
  });

  it("reports a duplicate key as a syntax error at its line", () => {
    expect(problemsOf(`${minimal}log: { level: info }\nlog: { level: warn }\n`)).toEqual([
      "bad.yaml: line 4, column 1: expected valid YAML, found Map keys must be unique (DUPLICATE_KEY)",
    ]);
  });

  it("rejects an empty file and one with only comments", () => {
    for (const name of ["empty", "comments-only"]) {
      const file = `${FIXTURES}/bad/${name}.yaml`;
      expect(caught(() => loadConfig(file, TOKEN_ENV)).problems).toEqual([
        `${file}: (root): expected a YAML mapping of settings (at least "zones" or "discover"), found an empty document`,
      ]);
    }
  });

  it("reports a missing file", () => {
    const error = caught(() => loadConfig(`${FIXTURES}/does-not-exist.yaml`, TOKEN_ENV));
    expect(error.file).toBe(`${FIXTURES}/does-not-exist.yaml`);
    expect(error.problems).toEqual([`${FIXTURES}/does-not-exist.yaml: (file): expected a readable YAML config file, found no such file (ENOENT)`]);
  });

  it("rejects an alias without its anchor and an unknown tag, but resolves good aliases", () => {
    expect(problemsOf(`zones: *nowhere\n`)).toEqual([
      "bad.yaml: (root): expected valid YAML aliases, found Unresolved alias (the anchor must be set before the alias): nowhere",
    ]);
    expect(problemsOf(`${minimal}schedule: !cron "*/5 * * * *"\n`)).toEqual([
      "bad.yaml: line 3, column 11: expected valid YAML, found Unresolved tag: !cron (TAG_RESOLVE_FAILED)",
    ]);
    const text = `zones:\n  - id: ${ZONE}\n    hostnames: &hosts [a.example.com]\n  - id: 9a7806061c88ada191ed06f989cc3dac\n    hostnames: *hosts\n`;
    expect(parseConfig(text, "ok.yaml", TOKEN_ENV).zones.map((z) => z.hostnames)).toEqual([["a.example.com"], ["a.example.com"]]);
  });

  it("rejects several documents in one file", () => {
    expect(problemsOf(`${minimal}---\nzones: []\n`)).toEqual([
      'bad.yaml: line 3, column 1: expected a single YAML document, found a second one after "---"',
    ]);
  });
});

describe("secrets stay out of error text", () => {
  const secret = "s3cr3t-t0ken-value-42";

  it("redacts credentials whatever is wrong with them", () => {
    expect(problemsOf(`${minimal}cloudflare: { api_token: [${secret}], api_key: 12345678 }\n`, {})).toEqual([
      'bad.yaml: cloudflare.api_token: expected an API token string, found "<redacted>"',
      'bad.yaml: cloudflare.api_key: expected a global API key string, found "<redacted>"',
    ]);
  });

  it("masks them under a misspelt key, in another key, and on a line with a syntax error", () => {
    const texts = [
      `${minimal}cloudflare: { api_tokn: ${secret} }\n`,
      `${minimal}cloudflare: { api_token: ${secret}, base_url: "${secret}" }\n`,
      `${minimal}cloudflare: { base_url: "\${CLOUDFLARE_API_TOKEN}" }\n`,
      `${minimal}    name: \${CLOUDFLARE_API_TOKEN}\n    name: again\n`,
      `cloudflare:\n  api_token: "${secret}\n zones: x\n`,
      `cloudflare: { api_token: ${secret} }\nzones: ${secret}\n`,
    ];
    for (const text of texts) {
      const message = caught(() => parseConfig(text, "bad.yaml", { CLOUDFLARE_API_TOKEN: secret })).message;
      expect(message).toMatch(/^bad\.yaml: /);
      expect(message).not.toContain(secret);
    }
  });

  it("drops source text that yaml quotes in a syntax error, when only the file knows the secret", () => {
    const problems = problemsOf(`cloudflare:\n  api_token: |x ${secret}\n`, {});
    expect(problems).toEqual([
      "bad.yaml: line 2, column 15: expected valid YAML, found Block scalar header includes extra characters (UNEXPECTED_TOKEN)",
      "bad.yaml: line 2, column 17: expected valid YAML, found Not a YAML token (UNEXPECTED_TOKEN)",
    ]);
  });
});
