import * as undici from "undici";
import { describe, expect, it } from "vitest";
import { Agent, errors } from "./undici.js";

describe("undici loaded part by part", () => {
  it("hands out the package's own classes, so instanceof and its types hold", () => {
    expect(Agent).toBe(undici.Agent);
    expect(errors).toBe(undici.errors);
    expect(errors.HeadersTimeoutError).toBe(undici.errors.HeadersTimeoutError);
    expect(errors.BodyTimeoutError).toBe(undici.errors.BodyTimeoutError);
  });
});
