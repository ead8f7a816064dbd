import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { missingConfigAdvice } from "../../src/cli/read-config.js";
import { exampleConfigText, writeExampleConfig } from "../../src/cli/init-config.js";
import { parseConfig } from "../../src/config/load.js";

const EXAMPLE = readFileSync(new URL("../../config/certwatch.example.yaml", import.meta.url), "utf8");

describe("certwatch init", () => {
  it("writes the commented example config, creating the directory, readable only by its owner", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "certwatch-init-")), "config", "certwatch.yaml");
    expect(await writeExampleConfig(path)).toEqual({ ok: true });
    expect(readFileSync(path, "utf8")).toBe(EXAMPLE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("refuses to overwrite a file that exists, leaving it as it was", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "certwatch-init-")), "certwatch.yaml");
    writeFileSync(path, "mine\n");
    const result = await writeExampleConfig(path);
    expect(result).toEqual({ ok: false, reason: `${path} already exists; not overwriting it (remove it first, or pass --config with another path)` });
    expect(readFileSync(path, "utf8")).toBe("mine\n");
  });

  it("names the path it cannot write", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "certwatch-init-")), "a-file");
    writeFileSync(file, "");
    const result = await writeExampleConfig(join(file, "certwatch.yaml"));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(new RegExp(`^cannot write ${file}/certwatch.yaml: `));
  });

  it("writes a config that loads once a token is set", () => {
    const config = parseConfig(exampleConfigText(), "certwatch.yaml", { CLOUDFLARE_API_TOKEN: "t" });
    expect(config.zones.length).toBeGreaterThan(0);
  });
});

describe("a missing config file", () => {
  it("says how to create one", () => {
    expect(missingConfigAdvice("config/certwatch.yaml")).toBe(
      'config file config/certwatch.yaml not found: create one with "certwatch init" or copy config/certwatch.example.yaml',
    );
    expect(missingConfigAdvice("/etc/certwatch/certwatch.yaml")).toBe(
      'config file /etc/certwatch/certwatch.yaml not found: create one with "certwatch init --config /etc/certwatch/certwatch.yaml" or copy config/certwatch.example.yaml',
    );
  });
});
