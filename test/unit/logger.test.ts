import { describe, expect, it } from "vitest";
import { createLogger, REDACTED } from "../../src/log/logger.js";
import { LogCapture } from "../helpers/harness.js";

const TOKEN = "tok-2f7d1c9a8e6b5d4c";

describe("createLogger", () => {
  it("writes JSON lines and scrubs secrets from fields, messages and error stacks", () => {
    const out = new LogCapture();
    const logger = createLogger({ level: "trace", format: "json", secrets: [TOKEN], destination: out });
    logger.info({ headers: { authorization: `Bearer ${TOKEN}` } }, "request");
    logger.error({ err: new Error(`upstream echoed ${TOKEN}`) }, `failed with ${TOKEN}`);
    logger.debug({ nested: { deeper: { value: TOKEN } } }, "deep");
    expect(out.lines).toHaveLength(3);
    for (const line of out.lines) expect(line).not.toContain(TOKEN);
    const [first, second, third] = out.entries();
    expect(first).toMatchObject({ msg: "request", headers: { authorization: REDACTED }, service: "certwatch" });
    expect(second?.msg).toBe(`failed with ${REDACTED}`);
    expect(JSON.stringify(second?.err)).toContain(REDACTED);
    expect(third).toMatchObject({ nested: { deeper: { value: REDACTED } } });
  });

  it("respects the level", () => {
    const out = new LogCapture();
    const logger = createLogger({ level: "warn", format: "json", secrets: [], destination: out });
    logger.info("hidden");
    logger.warn("shown");
    expect(out.entries().map((e) => e.msg)).toEqual(["shown"]);
  });
});
