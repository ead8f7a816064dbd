// The settings issue 8 added: cloudflare.source_timeout_seconds and discover.statuses.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.js";
import { problemsOf, TOKEN_ENV } from "../helpers/config-problems.js";

const minimal = "zones:\n  - id: 023e105f4ecef8ad9ca31a8372d0c353\n";
const load = (text: string) => parseConfig(text, "bad.yaml", TOKEN_ENV);

describe("cloudflare.source_timeout_seconds", () => {
  it("defaults to 120 and takes fractions up to 3600", () => {
    expect(load(minimal).cloudflare.source_timeout_seconds).toBe(120);
    expect(load(`${minimal}cloudflare:\n  source_timeout_seconds: 2.5\n`).cloudflare.source_timeout_seconds).toBe(2.5);
    expect(load(`${minimal}cloudflare:\n  source_timeout_seconds: "3600"\n`).cloudflare.source_timeout_seconds).toBe(3600);
  });

  it.each(["0", "-1", "3601", "soon"])("rejects %s", (value) => {
    expect(problemsOf(`${minimal}cloudflare:\n  source_timeout_seconds: ${value}\n`)).toEqual([
      expect.stringMatching(/^bad\.yaml: cloudflare\.source_timeout_seconds: expected a number of seconds greater than 0 and at most 3600, found /),
    ]);
  });
});

describe("discover.statuses", () => {
  it("defaults to active only, and takes any of Cloudflare's zone statuses (duplicates folded)", () => {
    expect(load(minimal).discover.statuses).toEqual(["active"]);
    expect(load(`${minimal}discover:\n  statuses:\n`).discover.statuses).toEqual(["active"]);
    expect(load(`${minimal}discover:\n  statuses: [active, pending, active, initializing, moved]\n`).discover.statuses).toEqual(["active", "pending", "initializing", "moved"]);
  });

  it("rejects an unknown status, an empty list and a bare string", () => {
    expect(problemsOf(`${minimal}discover:\n  statuses: [actve]\n`)).toEqual([
      expect.stringMatching(/^bad\.yaml: discover\.statuses\[0\]: expected one of active, pending, initializing, moved, found "actve"/),
    ]);
    expect(problemsOf(`${minimal}discover:\n  statuses: []\n`)).toEqual([expect.stringMatching(/^bad\.yaml: discover\.statuses: expected a list of at least one zone status/)]);
    expect(problemsOf(`${minimal}discover:\n  statuses: active\n`)).toEqual([expect.stringMatching(/^bad\.yaml: discover\.statuses: expected a list of zone statuses/)]);
  });
});
