import { describe, expect, it } from "vitest";
import { displayName } from "../../src/alerts/wording.js";
import { record } from "../helpers/records.js";

describe("what on-call calls a certificate", () => {
  it("is its hostname, else the PEM's subject, else its hosts, else the API id", () => {
    expect(displayName(record({ hostname: "app.zone.test" }))).toBe("app.zone.test");
    expect(displayName(record({ source: "custom_certificate", attributes: { hosts: "a.test, b.test" } }))).toBe("svc.zone.test");
    expect(displayName(record({ source: "custom_certificate", parsed: null, attributes: { hosts: "a.test, b.test" } }))).toBe("a.test, b.test");
    expect(displayName(record({ parsed: null }))).toBe("cert-1");
  });

  it("puts the hosts first for a store whose subjects are all alike (Origin CA)", () => {
    const origin = record({ source: "origin_ca_certificate", attributes: { hosts: "origin.zone.test, *.zone.test" } });
    expect(displayName(origin)).toBe("origin.zone.test, *.zone.test");
    expect(displayName({ ...origin, attributes: {} })).toBe("svc.zone.test");
  });
});
