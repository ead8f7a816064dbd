import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.js";
import { problemsOf, TOKEN_ENV } from "../helpers/config-problems.js";

/**
 * `count` zones with two AOP hostnames each: one list per source but aop_hostname (8) + 2
 * hostname lookups = 10 requests per zone at least (the minimum follows the registry).
 */
function zonesYaml(count: number, credential?: string): string {
  return Array.from({ length: count }, (_, i) => {
    const id = i.toString(16).padStart(32, "0");
    return `  - id: ${id}\n    hostnames: [a${i}.example.com, b${i}.example.com]\n${credential ? `    credential: ${credential}\n` : ""}`;
  }).join("");
}

describe("max_staleness", () => {
  it("defaults to 24h and takes a duration", () => {
    expect(parseConfig(`zones:\n${zonesYaml(1)}`, "s.yaml", TOKEN_ENV).max_staleness_ms).toBe(86_400_000);
    expect(parseConfig(`max_staleness: 2h\nzones:\n${zonesYaml(1)}`, "s.yaml", TOKEN_ENV).max_staleness_ms).toBe(7_200_000);
  });

  it("is refused with the arithmetic when the budget cannot read every configured zone within it", () => {
    expect(problemsOf(`max_staleness: 1h\nzones:\n${zonesYaml(1000)}`)).toEqual([
      "bad.yaml: max_staleness: expected a staleness bound the request budget can meet: max_staleness: 1h needs 10,000 requests per 1h " +
        "(the 1,000 configured zones, read once each) but cloudflare.max_requests_per_5m: 600 allows 7,200; raise max_staleness to at least 1h24m or the budget, found \"1h\"",
    ]);
    // The same zones fit at 1h24m, or with a bigger budget (850 × 12 = 10,200 an hour).
    expect(parseConfig(`max_staleness: 1h24m\nzones:\n${zonesYaml(1000)}`, "s.yaml", TOKEN_ENV).zones).toHaveLength(1000);
    expect(parseConfig(`max_staleness: 1h\ncloudflare: { max_requests_per_5m: 850 }\nzones:\n${zonesYaml(1000)}`, "s.yaml", TOKEN_ENV).zones).toHaveLength(1000);
  });

  it("checks each credential against its own budget, and names it", () => {
    const text = `max_staleness: 30m
cloudflare:
  credentials:
    - { name: main, api_token: token-main-0123456789 }
    - { name: small, api_token: token-small-0123456789, max_requests_per_5m: 20 }
zones:
${zonesYaml(10, "small")}`;
    // 90 requests per 30m fit in 20 per 5 min (120).
    expect(parseConfig(text, "s.yaml", {}).max_staleness_ms).toBe(1_800_000);
    expect(problemsOf(text.replace("max_requests_per_5m: 20", "max_requests_per_5m: 10").replace("max_staleness: 30m", "max_staleness: 5m"), {})).toEqual([
      "bad.yaml: max_staleness: expected a staleness bound the request budget can meet: max_staleness: 5m needs 100 requests per 5m " +
        '(the 10 configured zones of credential "small", read once each) but cloudflare.credentials[1].max_requests_per_5m: 10 allows 10; raise max_staleness to at least 50m or the budget, found "5m"',
    ]);
  });
});
