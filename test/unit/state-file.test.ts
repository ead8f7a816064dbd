import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AlertEngine } from "../../src/alerts/alert-engine.js";
import { systemClock } from "../../src/clock/clock.js";
import { StateFile } from "../../src/delivery/state-file.js";
import { createLogger } from "../../src/log/logger.js";
import { LogCapture, testConfig } from "../helpers/harness.js";

describe("StateFile", () => {
  it("round-trips a document, creates its directory, and leaves no temp file", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "certwatch-statefile-")), "nested");
    const file = StateFile.in<{ n: number }>(dir, "doc.json");
    expect(await file.read()).toBeNull();
    await Promise.all([file.write({ n: 1 }), file.write({ n: 2 }), file.write({ n: 3 })]);
    expect(await file.read()).toEqual({ document: { n: 3 } });
    expect(readdirSync(dir)).toEqual(["doc.json"]);
  });
});

describe("AlertEngine state on disk", () => {
  it("moves a state file that is not JSON aside and starts clean, saying so", async () => {
    const dir = mkdtempSync(join(tmpdir(), "certwatch-corrupt-"));
    writeFileSync(join(dir, "certwatch-state.json"), '{"version":1,"alerts":');
    const logs = new LogCapture();
    const config = testConfig({ baseUrl: "http://127.0.0.1:9/client/v4" }, [], { stateDir: dir });
    const engine = await AlertEngine.open({
      config,
      logger: createLogger({ level: "info", format: "json", secrets: [], destination: logs }),
      clock: systemClock,
      hooks: { onOutcome: () => undefined, onSuccess: () => undefined },
      firingTimeoutMs: 60_000,
    });
    await engine.stop();
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toBe("certwatch-state.json");
    expect(files[1]).toMatch(/^certwatch-state\.json\.corrupt-\d+$/);
    expect(readFileSync(join(dir, files[1]!), "utf8")).toBe('{"version":1,"alerts":');
    expect(JSON.parse(readFileSync(join(dir, files[0]!), "utf8"))).toMatchObject({ version: 1, outbox: [] });
    expect(logs.entries().map((e) => e.msg)).toContain("alert state file is not valid JSON; moved it aside and starting with empty alert state");
  });
});
