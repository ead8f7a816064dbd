import { describe, expect, it } from "vitest";
import { pollStore } from "../../../test/helpers/store-poll.js";
import { aopZoneCert } from "./store.js";

const SETTINGS = "/zones/:zone_id/origin_tls_client_auth/settings";

describe("aop_zone_cert", () => {
  it("reads the certificates and the zone switch, which every record carries", async () => {
    const { poll, requests } = await pollStore(aopZoneCert, { aopZoneEnabled: false, aopZoneCertificates: [{ cn: "Origin Pull", daysLeft: 12 }] });
    expect(poll.items).toHaveLength(1);
    expect(poll.items[0]!.attributes.zone_aop_enabled).toBe(false);
    expect(poll.settings).toEqual({ aop_zone_enabled: false });
    expect(requests.filter((r) => r.template === SETTINGS)).toHaveLength(1);
  });

  it("asks nothing more when the zone has no zone-level certificate", async () => {
    const { poll, requests } = await pollStore(aopZoneCert, {});
    expect(poll.items).toEqual([]);
    expect(requests.filter((r) => r.template === SETTINGS)).toHaveLength(0);
  });
});
