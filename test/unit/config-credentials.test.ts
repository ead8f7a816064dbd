import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.js";
import { secretsOf } from "../../src/config/schema.js";
import { problemsOf } from "../helpers/config-problems.js";

const A = "a".repeat(32);
const B = "b".repeat(32);
const TOKEN_A = "token-main-0123456789";
const TOKEN_B = "token-legacy-0123456789";

const twoCredentials = `cloudflare:
  max_requests_per_5m: 900
  credentials:
    - name: main
      api_token: ${TOKEN_A}
    - name: legacy
      api_key: key-legacy-0123456789
      api_email: ops@example.com
      max_requests_per_5m: 300
zones:
  - id: ${A}
  - id: ${B}
    credential: legacy
`;

describe("cloudflare.credentials", () => {
  it("gives each credential its own budget, defaulting to cloudflare.max_requests_per_5m, and zones their credential", () => {
    const config = parseConfig(twoCredentials, "c.yaml", {});
    expect(config.cloudflare.credentials).toEqual([
      { name: "main", auth: { kind: "token", token: TOKEN_A }, max_requests_per_5m: 900 },
      { name: "legacy", auth: { kind: "key", key: "key-legacy-0123456789", email: "ops@example.com" }, max_requests_per_5m: 300 },
    ]);
    // The first credential is what the single-credential fields and a zone without `credential` mean.
    expect(config.cloudflare.auth).toEqual({ kind: "token", token: TOKEN_A });
    expect(config.zones.map((z) => z.credential)).toEqual([undefined, "legacy"]);
    expect(secretsOf(config)).toEqual(expect.arrayContaining([TOKEN_A, "key-legacy-0123456789"]));
  });

  it("reads the single-credential form as one credential named default", () => {
    const config = parseConfig(`zones:\n  - id: ${A}\n    credential: default\n`, "c.yaml", { CLOUDFLARE_API_TOKEN: TOKEN_A });
    expect(config.cloudflare.credentials).toEqual([{ name: "default", auth: { kind: "token", token: TOKEN_A }, max_requests_per_5m: 600 }]);
  });

  it("refuses an unknown credential name, duplicate names, both forms at once, and an entry without a secret", () => {
    const text = `cloudflare:
  api_token: ${TOKEN_B}
  credentials:
    - name: main
      api_token: ${TOKEN_A}
zones:
  - id: ${A}
`;
    expect(problemsOf(text, {})).toEqual([
      "bad.yaml: cloudflare.api_token: expected either cloudflare.credentials or the single-credential keys (api_token, or api_key and api_email), not both, found both",
    ]);
    const dup = `cloudflare:
  credentials:
    - name: main
      api_token: ${TOKEN_A}
    - name: main
      api_token: ${TOKEN_B}
    - name: keyless
      api_email: ops@example.com
zones:
  - id: ${A}
    credential: mian
`;
    expect(problemsOf(dup, {})).toEqual([
      'bad.yaml: cloudflare.credentials[1].name: expected a credential name not already used by cloudflare.credentials[0], found "main"',
      "bad.yaml: cloudflare.credentials[2].api_key: expected a global API key to go with api_email, found nothing",
    ]);
    const unknown = twoCredentials.replace("credential: legacy", "credential: mian");
    expect(problemsOf(unknown, {})).toEqual(['bad.yaml: zones[1].credential: expected the name of a credential in cloudflare.credentials (main, legacy), found "mian"']);
    expect(problemsOf(`zones:\n  - id: ${A}\n    credential: main\n`)).toEqual([
      'bad.yaml: zones[0].credential: expected "default" (the only credential; several go under cloudflare.credentials), found "main"',
    ]);
  });

  it("checks the entries' shape and keeps their secrets out of messages", () => {
    const text = `cloudflare:
  credentials:
    - name: main
      api_tokn: ${TOKEN_A}
      max_requests_per_5m: 5000
zones:
  - id: ${A}
`;
    const problems = problemsOf(text, {});
    expect(problems).toContain('bad.yaml: cloudflare.credentials[0].api_tokn: expected one of name, api_token, api_key, api_email, max_requests_per_5m (did you mean "api_token"?), found an unknown key');
    expect(problems).toContain("bad.yaml: cloudflare.credentials[0].max_requests_per_5m: expected an integer from 1 to 1200, found 5000");
    expect(problems.join("\n")).not.toContain(TOKEN_A);
  });
});
