import { describe, expect, it } from "vitest";
import { parseCli, UsageError, USAGE } from "../../src/cli/args.js";
import { CHECK_USAGE, INIT_USAGE } from "../../src/cli/command-usage.js";
import { closestMatch } from "../../src/text/edit-distance.js";

function usageError(argv: string[]): string {
  try {
    parseCli(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`no usage error for ${argv.join(" ")}`);
}

describe("parseCli", () => {
  it("takes -v and --version for the version", () => {
    expect(parseCli(["-v"])).toEqual({ kind: "version" });
    expect(parseCli(["--version"])).toEqual({ kind: "version" });
  });

  it("gives each command its own --help", () => {
    expect(parseCli(["--help"])).toEqual({ kind: "help", text: USAGE });
    expect(parseCli(["check", "--help"])).toEqual({ kind: "help", text: CHECK_USAGE });
    expect(parseCli(["check", "-h"])).toEqual({ kind: "help", text: CHECK_USAGE });
    expect(parseCli(["init", "--help"])).toEqual({ kind: "help", text: INIT_USAGE });
  });

  it("parses init with and without --config", () => {
    expect(parseCli(["init"])).toEqual({ kind: "init", configPath: undefined });
    expect(parseCli(["init", "--config", "x.yaml"])).toEqual({ kind: "init", configPath: "x.yaml" });
    expect(usageError(["init", "--output", "json"])).toBe("--output is an option of `certwatch check`");
  });

  it.each([
    [["--confg", "x.yaml"], "unknown flag --confg: did you mean --config?"],
    [["--confg=x.yaml"], "unknown flag --confg: did you mean --config?"],
    [["check", "--ouput", "json"], "unknown flag --ouput: did you mean --output?"],
    [["--verison"], "unknown flag --verison: did you mean --version?"],
    [["--hlep"], "unknown flag --hlep: did you mean --help?"],
    [["--frobnicate"], "unknown flag --frobnicate"],
    [["-x"], "unknown flag -x"],
    [["chekc"], "unknown command: chekc: did you mean check?"],
    [["deploy"], "unknown command: deploy"],
  ])("answers %j with %j", (argv, message) => {
    expect(usageError(argv)).toBe(message);
  });
});

describe("closestMatch", () => {
  it("finds the nearest candidate within a third of its length, a swap counting as one edit", () => {
    expect(closestMatch("confg", ["config", "output"])).toBe("config");
    expect(closestMatch("cofnig", ["config", "output"])).toBe("config");
    expect(closestMatch("CONFIG", ["config"])).toBe("config");
    expect(closestMatch("out", ["config", "output"])).toBe("output");
  });

  it("suggests nothing for a word far from every candidate", () => {
    expect(closestMatch("frobnicate", ["config", "output", "help", "version"])).toBeUndefined();
    expect(closestMatch("x", ["config"])).toBeUndefined();
  });
});
