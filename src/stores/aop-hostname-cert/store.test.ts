import { describe, expect, it } from "vitest";
import { pollStore } from "../../../test/helpers/store-poll.js";
import { aopHostnameCert } from "./store.js";

const certificates = [
  { key: "a", id: "aaaaaaaa-0000-4000-8000-000000000001", cn: "a.store.test", daysLeft: 30, status: "deployment_timed_out" },
  { key: "b", id: "aaaaaaaa-0000-4000-8000-000000000002", cn: "b.store.test", daysLeft: 60 },
];

describe("aop_hostname_cert", () => {
  it("reads the SDK item shape: id and the certificate's own status", async () => {
    const { poll } = await pollStore(aopHostnameCert, { hostnameCertificates: certificates });
    expect(poll.items.map((item) => [item.certId, item.status])).toEqual([
      [certificates[0]!.id, "deployment_timed_out"],
      [certificates[1]!.id, "active"],
    ]);
    expect(poll.items.every((item) => item.pem?.startsWith("-----BEGIN CERTIFICATE-----"))).toBe(true);
    expect(typeof poll.items[0]!.attributes.serial_number).toBe("string");
  });

  it("reads the association shape: cert_id, and cert_status rather than the association's status", async () => {
    const { poll } = await pollStore(aopHostnameCert, {
      hostnameCertificates: certificates,
      hostnameCertListShape: "association",
      associations: [{ hostname: "a.store.test", cert: "a", status: "pending_deployment" }],
    });
    expect(poll.items.map((item) => [item.certId, item.hostname, item.status])).toEqual([
      [certificates[0]!.id, "a.store.test", "deployment_timed_out"],
      [certificates[1]!.id, "", "active"],
    ]);
  });
});
