import { describe, expect, it } from "vitest";
import { loadConfig, parseConfig } from "../../src/config/load.js";
import type { Config } from "../../src/config/schema.js";
import { DEFAULT_ZONE_SOURCE_NAMES, ZONE_SOURCE_NAMES } from "../../src/stores/registry.js";
import { caught, TOKEN_ENV } from "../helpers/config-problems.js";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const OTHER = "9a7806061c88ada191ed06f989cc3dac";
const ACCOUNT = "0123456789abcdef0123456789abcdef";
const minimal = `zones:\n  - id: ${ZONE}\n`;
const ALL_SOURCES = ZONE_SOURCE_NAMES.join(", ");
const SOURCES_LIST = `a list of at least one of ${ALL_SOURCES}`;
const ZONES_REQUIRED = "at least one zone, or accounts, or discover.enabled: true";
const ACCOUNT_ID = "an account id of 32 lowercase hex characters";
const NAME_FILTER = 'a non-empty zone name filter, e.g. "example.com" or "contains:shop"';

function problemsOf(text: string, env: NodeJS.ProcessEnv = TOKEN_ENV): string[] {
  return caught(() => load(text, env)).problems;
}

function load(text: string, env: NodeJS.ProcessEnv = TOKEN_ENV): Config {
  return parseConfig(text, "z.yaml", env);
}

/** The first zone of `minimal`, with these extra lines (indented by 4). */
const zoneWith = (...lines: string[]) => `${minimal}${lines.map((line) => `    ${line}\n`).join("")}`;

describe("zones[].sources", () => {
  it("defaults to every source, in SOURCE_NAMES order, not explicit", () => {
    const zone = load(minimal).zones[0];
    expect(zone?.sources).toEqual([
      "trust_store",
      "aop_hostname_cert",
      "aop_hostname",
      "aop_zone_cert",
      "custom_hostname",
      "custom_certificate",
      "certificate_pack",
      "client_certificate",
      "origin_ca_certificate",
    ]);
    expect(zone?.sources_explicit).toBe(false);
  });

  it("treats an empty `sources:` as not set", () => {
    const zone = load(zoneWith("sources:")).zones[0];
    expect(zone?.sources).toEqual([...DEFAULT_ZONE_SOURCE_NAMES]);
    expect(zone?.sources_explicit).toBe(false);
  });

  it("keeps only the listed sources and marks them explicit", () => {
    const zone = load(zoneWith("sources: [trust_store]")).zones[0];
    expect(zone?.sources).toEqual(["trust_store"]);
    expect(zone?.sources_explicit).toBe(true);
  });

  it("is explicit even when every source is listed", () => {
    const zone = load(zoneWith(`sources: [${ALL_SOURCES}]`)).zones[0];
    expect(zone?.sources).toEqual([...ZONE_SOURCE_NAMES]);
    expect(zone?.sources_explicit).toBe(true);
  });

  it("stores them in SOURCE_NAMES order whatever the order written", () => {
    const zone = load(zoneWith("sources:", "  - certificate_pack", "  - trust_store", "  - custom_hostname", "  - aop_hostname")).zones[0];
    expect(zone?.sources).toEqual(["trust_store", "aop_hostname", "custom_hostname", "certificate_pack"]);
  });

  it("is set per zone", () => {
    const config = load(`${zoneWith("sources: [custom_hostname]")}  - id: ${OTHER}\n`);
    expect(config.zones.map((z) => [z.sources, z.sources_explicit])).toEqual([
      [["custom_hostname"], true],
      [[...DEFAULT_ZONE_SOURCE_NAMES], false],
    ]);
  });

  it("takes names from the environment", () => {
    const zone = load(zoneWith('sources: ["${SRC}"]'), { ...TOKEN_ENV, SRC: "certificate_pack" }).zones[0];
    expect(zone?.sources).toEqual(["certificate_pack"]);
  });

  it("rejects an unknown name, listing the allowed ones", () => {
    expect(problemsOf(zoneWith("sources: [trust_store, custom_hostnames, TRUST_STORE, 3]"))).toEqual([
      `z.yaml: zones[0].sources[1]: expected one of ${ALL_SOURCES}, found "custom_hostnames"`,
      `z.yaml: zones[0].sources[2]: expected one of ${ALL_SOURCES}, found "TRUST_STORE"`,
      `z.yaml: zones[0].sources[3]: expected one of ${ALL_SOURCES}, found 3`,
    ]);
  });

  it("rejects a source listed twice, pointing at the first", () => {
    expect(problemsOf(zoneWith("sources: [custom_hostname, trust_store, custom_hostname, trust_store]"))).toEqual([
      'z.yaml: zones[0].sources[2]: expected a source not already listed at zones[0].sources[0], found "custom_hostname"',
      'z.yaml: zones[0].sources[3]: expected a source not already listed at zones[0].sources[1], found "trust_store"',
    ]);
  });

  it("reports an unknown name listed twice once per entry, as unknown only", () => {
    expect(problemsOf(zoneWith("sources: [nope, nope]"))).toEqual([
      `z.yaml: zones[0].sources[0]: expected one of ${ALL_SOURCES}, found "nope"`,
      `z.yaml: zones[0].sources[1]: expected one of ${ALL_SOURCES}, found "nope"`,
    ]);
  });

  it("rejects an empty list and anything not a list", () => {
    expect(problemsOf(zoneWith("sources: []"))).toEqual([`z.yaml: zones[0].sources: expected ${SOURCES_LIST}, found []`]);
    expect(problemsOf(zoneWith("sources: trust_store"))).toEqual([`z.yaml: zones[0].sources: expected ${SOURCES_LIST}, found "trust_store"`]);
    expect(problemsOf(zoneWith("sources: { trust_store: true }"))).toEqual([
      `z.yaml: zones[0].sources: expected ${SOURCES_LIST}, found {"trust_store":true}`,
    ]);
  });
});

describe("zones[].custom_hostnames", () => {
  it("defaults to mode per_hostname, also for an empty mapping or key", () => {
    for (const text of [minimal, zoneWith("custom_hostnames:"), zoneWith("custom_hostnames: {}"), zoneWith("custom_hostnames:", "  mode:")]) {
      expect(load(text).zones[0]?.custom_hostnames).toEqual({ mode: "per_hostname" });
    }
  });

  it("accepts per_hostname and summary, per zone", () => {
    const config = load(`${zoneWith("custom_hostnames: { mode: summary }")}  - id: ${OTHER}\n    custom_hostnames:\n      mode: per_hostname\n`);
    expect(config.zones.map((z) => z.custom_hostnames)).toEqual([{ mode: "summary" }, { mode: "per_hostname" }]);
  });

  it("rejects any other mode", () => {
    for (const [mode, found] of [
      ["all", '"all"'],
      ["Summary", '"Summary"'],
      ["true", "true"],
    ] as const) {
      expect(problemsOf(zoneWith(`custom_hostnames: { mode: ${mode} }`))).toEqual([
        `z.yaml: zones[0].custom_hostnames.mode: expected one of per_hostname, summary, found ${found}`,
      ]);
    }
  });

  it("rejects unknown keys, with a hint, and a value that is not a mapping", () => {
    expect(problemsOf(zoneWith("custom_hostnames: { mdoe: summary, limit: 5 }"))).toEqual([
      'z.yaml: zones[0].custom_hostnames.mdoe: expected one of mode (did you mean "mode"?), found an unknown key',
      "z.yaml: zones[0].custom_hostnames.limit: expected one of mode, found an unknown key",
    ]);
    expect(problemsOf(zoneWith("custom_hostnames: summary"))).toEqual([
      'z.yaml: zones[0].custom_hostnames: expected a mapping with mode, found "summary"',
    ]);
  });

  it("says where `mode` belongs when it is written on the zone itself", () => {
    expect(problemsOf(zoneWith("mode: summary"))).toEqual([
      "z.yaml: zones[0].mode: expected one of id, name, hostnames, thresholds, sources, custom_hostnames, credential, labels " +
        '("mode" belongs under zones[].custom_hostnames), found an unknown key',
    ]);
  });
});

describe("discover", () => {
  it("defaults to off, every account, no name filter", () => {
    const off = { enabled: false, accounts: false, account_id: null, name: null, statuses: ["active"] } satisfies Config["discover"];
    for (const text of [minimal, `${minimal}discover:\n`, `${minimal}discover: {}\n`, `${minimal}discover:\n  enabled:\n  account_id:\n  name:\n`]) {
      expect(load(text).discover).toEqual(off);
    }
  });

  it("reads every setting", () => {
    const text = `${minimal}discover:\n  enabled: true\n  account_id: ${ACCOUNT}\n  name: "contains:shop"\n`;
    expect(load(text).discover).toEqual({ enabled: true, accounts: false, account_id: ACCOUNT, name: "contains:shop", statuses: ["active"] } satisfies Config["discover"]);
  });

  it("takes enabled as a boolean or as the strings true and false, also from the environment", () => {
    expect(load(`${minimal}discover: { enabled: false }\n`).discover.enabled).toBe(false);
    expect(load(`${minimal}discover: { enabled: "true" }\n`).discover.enabled).toBe(true);
    expect(load(`${minimal}discover: { enabled: "false" }\n`).discover.enabled).toBe(false);
    expect(load(`${minimal}discover: { enabled: "\${DISCOVER}" }\n`, { ...TOKEN_ENV, DISCOVER: "true" }).discover.enabled).toBe(true);
  });

  it("rejects an enabled that is not true or false", () => {
    for (const [value, found] of [
      ["yes", '"yes"'],
      ["1", "1"],
      ['"TRUE"', '"TRUE"'],
      ["[true]", "[true]"],
    ] as const) {
      expect(problemsOf(`${minimal}discover: { enabled: ${value} }\n`)).toEqual([`z.yaml: discover.enabled: expected true or false, found ${found}`]);
    }
  });

  it("rejects an account_id that is not 32 lowercase hex characters", () => {
    for (const [value, found] of [
      [ACCOUNT.toUpperCase(), `"${ACCOUNT.toUpperCase()}"`],
      [ACCOUNT.slice(1), `"${ACCOUNT.slice(1)}"`],
      [`${ACCOUNT}0`, `"${ACCOUNT}0"`],
      ['""', '""'],
      ["12345", "12345"],
      ["true", "true"],
    ] as const) {
      expect(problemsOf(`${minimal}discover: { account_id: ${value} }\n`)).toEqual([`z.yaml: discover.account_id: expected ${ACCOUNT_ID}, found ${found}`]);
    }
  });

  it("reads an unquoted all-digit id as the text written, not as a rounded number", () => {
    const digits = "11112222333344445555666677778888";
    const floatLike = "12345e67890123456789012345678901";
    const config = load(`zones:\n  - id: ${floatLike}\ndiscover: { enabled: true, account_id: ${digits} }\n`);
    expect(config.discover.account_id).toBe(digits);
    expect(config.zones[0]?.id).toBe(floatLike);
    // Only 32-character ids: other numbers stay numbers.
    expect(load(`${minimal}cloudflare: { concurrency: 8 }\n`).cloudflare.concurrency).toBe(8);
  });

  it("keeps the name filter as written, trimmed, and rejects a blank or non-string one", () => {
    expect(load(`${minimal}discover: { name: " example.com " }\n`).discover.name).toBe("example.com");
    expect(load(`${minimal}discover: { name: "starts_with:dev" }\n`).discover.name).toBe("starts_with:dev");
    for (const [value, found] of [
      ['""', '""'],
      ['"  "', '"  "'],
      ["42", "42"],
      ["[a]", '["a"]'],
    ] as const) {
      expect(problemsOf(`${minimal}discover: { name: ${value} }\n`)).toEqual([`z.yaml: discover.name: expected ${NAME_FILTER}, found ${found}`]);
    }
  });

  it("rejects unknown keys with hints, and a discover that is not a mapping", () => {
    expect(problemsOf(`${minimal}discover: { enable: true, account: ${ACCOUNT}, zones: [] }\n`)).toEqual([
      'z.yaml: discover.enable: expected one of enabled, accounts, account_id, name, statuses (did you mean "enabled"?), found an unknown key',
      'z.yaml: discover.account: expected one of enabled, accounts, account_id, name, statuses (did you mean "accounts"?), found an unknown key',
      'z.yaml: discover.zones: expected one of enabled, accounts, account_id, name, statuses ("zones" belongs under the top level), found an unknown key',
    ]);
    expect(problemsOf(`${minimal}discover: true\n`)).toEqual(["z.yaml: discover: expected a mapping with enabled, accounts, account_id, name, statuses, found true"]);
  });

  it("says where a discover key belongs when written at the top level", () => {
    expect(problemsOf(`${minimal}account_id: ${ACCOUNT}\n`)).toEqual([
      "z.yaml: account_id: expected one of cloudflare, zones, accounts, discover, schedule, thresholds, server, log, alerts, state_dir, max_staleness, labels " +
        '("account_id" belongs under discover), found an unknown key',
    ]);
  });
});

describe("zones with and without discovery", () => {
  it("may be absent, empty or an empty key when discovery is on", () => {
    for (const zones of ["", "zones:\n", "zones: []\n"]) {
      const config = load(`${zones}discover: { enabled: true }\n`);
      expect(config.zones).toEqual([]);
      expect(config.discover.enabled).toBe(true);
    }
    expect(load(`discover: { enabled: "true" }\n`).zones).toEqual([]);
  });

  it("keeps the configured zones beside discovery", () => {
    const config = load(`${zoneWith("custom_hostnames: { mode: summary }")}discover: { enabled: true, name: example.com }\n`);
    expect(config.zones.map((z) => [z.id, z.custom_hostnames.mode])).toEqual([[ZONE, "summary"]]);
    expect(config.discover).toEqual({ enabled: true, accounts: false, account_id: null, name: "example.com", statuses: ["active"] });
  });

  it("are required when discovery is off, absent, or only configured", () => {
    const texts = [
      "log: { level: info }\n",
      "zones:\nlog: { level: info }\n",
      "zones: []\n",
      "zones: []\ndiscover: { enabled: false }\n",
      'discover: { enabled: "false" }\n',
      `discover: { account_id: ${ACCOUNT}, name: example.com }\n`,
    ];
    for (const text of texts) {
      const found = text.startsWith("zones: []") ? "[]" : "nothing";
      expect(problemsOf(text)).toEqual([`z.yaml: zones: expected ${ZONES_REQUIRED}, found ${found}`]);
    }
  });

  it("are not asked for when discover.enabled is itself wrong: that is the problem to fix", () => {
    expect(problemsOf("discover: { enabled: yes }\n")).toEqual(['z.yaml: discover.enabled: expected true or false, found "yes"']);
    expect(problemsOf("discover: on\n")).toEqual(['z.yaml: discover: expected a mapping with enabled, accounts, account_id, name, statuses, found "on"']);
  });

  it("reports a missing zone list with every other problem", () => {
    expect(problemsOf("log: { level: loud }\n", {})).toEqual([
      "z.yaml: log.level: expected one of trace, debug, info, warn, error, fatal, silent, found \"loud\"",
      `z.yaml: zones: expected ${ZONES_REQUIRED}, found nothing`,
      "z.yaml: cloudflare.api_token: expected credentials: api_token (or env CLOUDFLARE_API_TOKEN), or api_key + api_email " +
        "(or env CLOUDFLARE_API_KEY + CLOUDFLARE_EMAIL), found none of them set",
    ]);
  });
});

describe("every new problem at once", () => {
  it("reports each problem of the fixture, in file order", () => {
    const file = "test/fixtures/config/bad/zones-and-discovery.yaml";
    const expected = [
      `zones[0].sources[1]: expected one of ${ALL_SOURCES}, found "custom_hostnames"`,
      'zones[0].sources[2]: expected a source not already listed at zones[0].sources[0], found "trust_store"',
      'zones[0].custom_hostnames.mode: expected one of per_hostname, summary, found "all"',
      `zones[1].sources: expected ${SOURCES_LIST}, found []`,
      'zones[1].custom_hostnames.mdoe: expected one of mode (did you mean "mode"?), found an unknown key',
      "zones[1].mode: expected one of id, name, hostnames, thresholds, sources, custom_hostnames, credential, labels " +
        '("mode" belongs under zones[].custom_hostnames), found an unknown key',
      'discover.enabled: expected true or false, found "maybe"',
      `discover.account_id: expected ${ACCOUNT_ID}, found "1111-2222"`,
      `discover.name: expected ${NAME_FILTER}, found ""`,
      'discover.filter: expected one of enabled, accounts, account_id, name, statuses, found an unknown key',
    ].map((line) => `${file}: ${line}`);
    expect(caught(() => loadConfig(file, TOKEN_ENV)).problems).toEqual(expected);
  });
});
