import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config/load.js";
import type { Config } from "../../src/config/schema.js";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const OTHER = "9a7806061c88ada191ed06f989cc3dac";
const TOKEN_ENV = { CLOUDFLARE_API_TOKEN: "env-token-0123456789" };
const minimal = `zones:\n  - id: ${ZONE}\n`;

function load(text: string): Config {
  return parseConfig(text, "f.yaml", TOKEN_ENV);
}

function problemsOf(text: string): string[] {
  try {
    load(text);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("server.listen", () => {
  it.each([
    ["0.0.0.0:9798", "0.0.0.0", 9798],
    ["127.0.0.1:0", "127.0.0.1", 0],
    ["localhost:65535", "localhost", 65535],
    ["[::]:9798", "::", 9798],
    ["[::1]:8080", "::1", 8080],
    ["[fe80::1]:1", "fe80::1", 1],
  ])("parses %s", (listen, host, port) => {
    expect(load(`${minimal}server: { listen: "${listen}" }\n`).server).toEqual({ listen, host, port });
  });

  it.each([
    ["0.0.0.0", 'host:port with a port after the colon, e.g. "0.0.0.0:9798" or "[::]:9798"'],
    ["::1:9798", 'host:port with an IPv6 host in brackets, e.g. "[::1]:9798"'],
    ["[nope]:9798", 'host:port with an IPv6 address inside the brackets, e.g. "[::]:9798"'],
    [":9798", 'host:port with an IPv4 address or hostname as the host, e.g. "0.0.0.0:9798"'],
    ["300.1.1.1:80", 'host:port with an IPv4 address or hostname as the host, e.g. "0.0.0.0:9798"'],
    ["0.0.0.0:65536", 'host:port with a port from 0 to 65535, e.g. "0.0.0.0:9798"'],
    ["0.0.0.0:http", 'host:port with a port from 0 to 65535, e.g. "0.0.0.0:9798"'],
  ])("rejects %s", (listen, expected) => {
    expect(problemsOf(`${minimal}server: { listen: "${listen}" }\n`)).toEqual([`f.yaml: server.listen: expected ${expected}, found "${listen}"`]);
  });
});

describe("schedule", () => {
  it.each(["*/5 * * * *", "*/30 * * * * *", "0 3 * * MON-FRI", " 0 */2 * * * "])("accepts %j", (schedule) => {
    expect(load(`${minimal}schedule: "${schedule}"\n`).schedule).toBe(schedule.trim());
  });

  it.each(["* * * *", "* * * * * * *", "61 * * * *", "@daily", "every minute"])("rejects %j", (schedule) => {
    expect(problemsOf(`${minimal}schedule: "${schedule}"\n`)).toEqual([
      `f.yaml: schedule: expected a node-cron expression of 5 or 6 fields, e.g. "*/5 * * * *", found "${schedule}"`,
    ]);
  });
});

describe("zones", () => {
  it.each([
    ["abc123", '"abc123"'],
    ["023e105f4ecef8ad9ca31a8372d0c35", '"023e105f4ecef8ad9ca31a8372d0c35"'],
    ["023e105f4ecef8ad9ca31a8372d0c3533", '"023e105f4ecef8ad9ca31a8372d0c3533"'],
    ["023E105F4ECEF8AD9CA31A8372D0C353", '"023E105F4ECEF8AD9CA31A8372D0C353"'],
    ["g23e105f4ecef8ad9ca31a8372d0c353", '"g23e105f4ecef8ad9ca31a8372d0c353"'],
    ["12345", "12345"],
  ])("rejects zone id %s", (id, found) => {
    expect(problemsOf(`zones:\n  - id: ${id}\n`)).toEqual([`f.yaml: zones[0].id: expected 32 lowercase hex characters, found ${found}`]);
  });

  it("requires an id", () => {
    expect(problemsOf(`zones:\n  - name: example.com\n`)).toEqual(["f.yaml: zones[0].id: expected 32 lowercase hex characters, found nothing"]);
  });

  it("rejects a zone id used twice, pointing at the first", () => {
    const text = `zones:\n  - id: ${ZONE}\n  - id: ${OTHER}\n  - id: ${ZONE}\n    name: again\n`;
    expect(problemsOf(text)).toEqual([`f.yaml: zones[2].id: expected a zone id not already used by zones[0], found "${ZONE}"`]);
  });

  it("lowercases hostnames and rejects duplicates within a zone but not across zones", () => {
    const text = `zones:\n  - id: ${ZONE}\n    hostnames: [App.Example.com, api.example.com, app.example.COM]\n  - id: ${OTHER}\n    hostnames: [app.example.com]\n`;
    expect(problemsOf(text)).toEqual([
      'f.yaml: zones[0].hostnames[2]: expected a hostname not already listed at zones[0].hostnames[0], found "app.example.COM"',
    ]);
    const config = load(`zones:\n  - id: ${ZONE}\n    hostnames: [App.Example.com]\n  - id: ${OTHER}\n    hostnames: [app.example.com]\n`);
    expect(config.zones.map((z) => z.hostnames)).toEqual([["app.example.com"], ["app.example.com"]]);
  });

  it.each(["*.example.com", "app.example.com.", "-app.example.com", "under_score.example.com", "", "1.2.3.4"])(
    "rejects hostname %j",
    (hostname) => {
      expect(problemsOf(`zones:\n  - id: ${ZONE}\n    hostnames: ["${hostname}"]\n`)).toEqual([
        `f.yaml: zones[0].hostnames[0]: expected a DNS hostname such as app.example.com (no wildcard, no trailing dot), found "${hostname}"`,
      ]);
    },
  );

  it("uses the name when given and rejects an empty one", () => {
    expect(load(`${minimal}    name: example.com\n`).zones[0]?.name).toBe("example.com");
    expect(problemsOf(`${minimal}    name: ""\n`)).toEqual(['f.yaml: zones[0].name: expected a non-empty zone name, found ""']);
  });
});

describe("log", () => {
  it.each(["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const)("accepts level %s", (level) => {
    expect(load(`${minimal}log: { level: ${level}, format: pretty }\n`).log).toEqual({ level, format: "pretty" });
  });
});
