// Which answers say the credentials were refused, and what a cycle of them concludes.
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { CloudflareApiError } from "../../src/cloudflare/api-error.js";
import { Inventory } from "../../src/inventory/inventory.js";
import { authVerdictOf, judgeCredentials, type PollVerdict } from "../../src/scheduler/credentials-check.js";

const failure = (status: number, code: number, message: string) =>
  new CloudflareApiError(status === 401 ? "unauthorized" : "forbidden", "/zones/:zone_id/custom_hostnames", `HTTP ${status}: ${code} ${message}`, status, [{ code, message }]);

describe("authVerdictOf", () => {
  it("reads 401, and 403 with Cloudflare's authentication errors, as refused", () => {
    expect(authVerdictOf(failure(401, 10000, "Authentication error"))).toBe("rejected");
    expect(authVerdictOf(failure(403, 10000, "Authentication error"))).toBe("rejected");
    expect(authVerdictOf(failure(403, 9109, "Unauthorized to access requested resource"))).toBe("rejected");
    expect(authVerdictOf(failure(403, 6003, "Invalid API Token"))).toBe("rejected");
  });

  it("reads a product the zone lacks, and any other failure, as saying nothing about the token", () => {
    expect(authVerdictOf(failure(403, 1450, "Advanced Certificate Manager is required"))).toBe("unknown");
    expect(authVerdictOf(new CloudflareApiError("http_5xx", "/zones", "HTTP 502", 502))).toBe("unknown");
    expect(authVerdictOf(new Error("boom"))).toBe("unknown");
  });
});

describe("judgeCredentials", () => {
  const refused = (zoneId: string): PollVerdict => ({ zoneId, auth: "rejected", message: "HTTP 401: 10000 Authentication error" });
  const judge = (verdicts: PollVerdict[], inventory = new Inventory()) => ({ rejected: judgeCredentials(verdicts, inventory, pino({ level: "silent" })), inventory });

  it("calls the token rejected only when every poll of every zone was refused", () => {
    const { rejected, inventory } = judge([refused("a"), refused("a"), refused("b")]);
    expect(rejected).toBe(true);
    expect(inventory.credentials).toEqual({ valid: false, rejectedZones: 2, message: "HTTP 401: 10000 Authentication error" });
  });

  it("calls it valid when any poll authenticated, and keeps the last verdict when nothing could tell", () => {
    const inventory = new Inventory();
    judge([refused("a")], inventory);
    expect(judge([{ zoneId: "a", auth: "unknown", message: "HTTP 502" }], inventory).inventory.credentials.valid).toBe(false);
    expect(judge([refused("a"), { zoneId: "b", auth: "accepted", message: null }], inventory).rejected).toBe(false);
    expect(inventory.credentials).toEqual({ valid: true, rejectedZones: 0, message: null });
    expect(judge([]).inventory.credentials.valid).toBeNull();
  });
});
