import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.js";
import { configuredTargets, type Config } from "../../src/config/schema.js";
import { ACCOUNT_SOURCE_NAMES } from "../../src/stores/registry.js";
import { caught, TOKEN_ENV } from "../helpers/config-problems.js";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const ACCOUNT = "0123456789abcdef0123456789abcdef";
const OTHER = "fedcba9876543210fedcba9876543210";

function load(text: string): Config {
  return parseConfig(text, "a.yaml", TOKEN_ENV);
}

function problemsOf(text: string): string[] {
  return caught(() => load(text)).problems;
}

describe("accounts", () => {
  it("resolves an account to a target of scope account with every account store, the global thresholds and labels", () => {
    const config = load(`accounts:\n  - id: ${ACCOUNT}\n    name: Example Inc.\nlabels:\n  team: edge\n`);
    expect(config.zones).toEqual([]);
    expect(config.accounts).toEqual([
      {
        id: ACCOUNT,
        name: "Example Inc.",
        scope: "account",
        hostnames: [],
        thresholds: { warning_days: 30, critical_days: 7 },
        sources: [...ACCOUNT_SOURCE_NAMES],
        sources_explicit: false,
        custom_hostnames: { mode: "per_hostname" },
        labels: { team: "edge" },
      },
    ]);
    expect(ACCOUNT_SOURCE_NAMES.length).toBeGreaterThan(0);
  });

  it("keeps its own sources, credential, thresholds and labels, and comes after the zones in the watched targets", () => {
    const text = [
      `zones:\n  - id: ${ZONE}\n`,
      `accounts:\n  - id: ${ACCOUNT}\n    sources: [${ACCOUNT_SOURCE_NAMES[0]}]\n    thresholds:\n      warning_days: 60\n    labels:\n      team: sec\n`,
    ].join("");
    const config = load(text);
    const [account] = config.accounts;
    expect(account).toMatchObject({ name: ACCOUNT, sources: [ACCOUNT_SOURCE_NAMES[0]], sources_explicit: true, thresholds: { warning_days: 60, critical_days: 7 }, labels: { team: "sec" } });
    expect(configuredTargets(config).map((t) => [t.id, t.scope ?? "zone"])).toEqual([
      [ZONE, "zone"],
      [ACCOUNT, "account"],
    ]);
  });

  it("is enough to start without zones, as is discover.accounts", () => {
    expect(load(`accounts:\n  - id: ${ACCOUNT}\n`).accounts).toHaveLength(1);
    expect(load(`discover:\n  accounts: true\n`).discover).toMatchObject({ enabled: false, accounts: true });
  });

  it("names the file, the field and what was expected for every bad account", () => {
    const text = [
      "accounts:",
      "  - id: nope",
      "    sources: [trust_store]",
      `  - id: ${OTHER}`,
      "    credential: other",
      "    thresholds:",
      "      warning_days: 5",
      "      critical_days: 9",
      `  - id: ${OTHER}`,
      "    colour: blue",
      "",
    ].join("\n");
    expect(problemsOf(text)).toEqual([
      "a.yaml: accounts[0].id: expected an account id of 32 lowercase hex characters, found \"nope\"",
      `a.yaml: accounts[0].sources[0]: expected one of ${ACCOUNT_SOURCE_NAMES.join(", ")}, found "trust_store"`,
      'a.yaml: accounts[1].credential: expected "default" (the only credential; several go under cloudflare.credentials), found "other"',
      "a.yaml: accounts[1].thresholds.critical_days: expected fewer days than warning_days (5), found 9",
      "a.yaml: accounts[2].id: expected an account id not already used by accounts[1], found \"fedcba9876543210fedcba9876543210\"",
      "a.yaml: accounts[2].colour: expected one of id, name, sources, credential, thresholds, labels, found an unknown key",
    ]);
  });

  it("counts each account store as one request in the staleness arithmetic", () => {
    const text = [
      "cloudflare:",
      "  max_requests_per_5m: 1",
      "max_staleness: 5m",
      `zones:\n  - id: ${ZONE}\n    sources: [trust_store]`,
      `accounts:\n  - id: ${ACCOUNT}\n    sources: [${ACCOUNT_SOURCE_NAMES[0]}]`,
      "",
    ].join("\n");
    expect(problemsOf(text)).toEqual([
      expect.stringContaining("max_staleness: 5m needs 2 requests per 5m (the 1 configured zone and 1 account, read once each) but cloudflare.max_requests_per_5m: 1 allows 1"),
    ]);
  });
});
