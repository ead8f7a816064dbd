import { describe, expect, it } from "vitest";
import { pollStore } from "../../../test/helpers/store-poll.js";
import { aopHostname, NOT_ASSOCIATED } from "./store.js";

const zone = {
  hostnameCertificates: [{ key: "app", id: "bbbbbbbb-0000-4000-8000-000000000001", cn: "app.store.test", daysLeft: 40 }],
  associations: [
    { hostname: "app.store.test", cert: "app", enabled: true },
    { hostname: "void.store.test", cert: "app", enabled: null, status: "pending_deployment" },
  ],
};

describe("aop_hostname", () => {
  it("reads each configured hostname's association; one without is not_associated", async () => {
    const { poll, requests } = await pollStore(aopHostname, zone, ["app.store.test", "void.store.test", "none.store.test"]);
    expect(requests).toHaveLength(3);
    expect(poll.items.map((item) => [item.hostname, item.status, item.attributes.enabled, item.attributes.cert_status])).toEqual([
      ["app.store.test", "active", true, "active"],
      // A voided association keeps enabled null, apart from false.
      ["void.store.test", "pending_deployment", null, "active"],
      ["none.store.test", NOT_ASSOCIATED, null, null],
    ]);
    expect(poll.items[0]!.certId).toBe(zone.hostnameCertificates[0]!.id);
    expect(poll.items[2]!.pem).toBeNull();
  });

  it("applies only to zones with configured hostnames", () => {
    expect(aopHostname.appliesTo?.({ id: "z", name: "z", hostnames: [] })).toBe(false);
    expect(aopHostname.appliesTo?.({ id: "z", name: "z", hostnames: ["a.test"] })).toBe(true);
  });
});
