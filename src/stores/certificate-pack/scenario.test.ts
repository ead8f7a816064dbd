// What the simulator builds from a scenario's certificate packs specs.
import { describe, expect, it } from "vitest";
import { HEX32, daysFromNow as daysUntil, buildScenarioZone as buildZone } from "../../../test/helpers/scenario-zone.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("certificate pack specs", () => {
  it("fills defaults and alternates ECDSA and RSA certificates", async () => {
    const z = await buildZone({
      certificatePacks: [{ hosts: ["z.example", "*.z.example"], certificates: [{ daysLeft: 40 }, { daysLeft: 41, status: "pending_deployment" }] }],
    });
    const [pack] = z.certificatePacks;
    expect(pack).toMatchObject({ type: "advanced", status: "active", certificate_authority: "google", validation_method: "txt", validity_days: 90 });
    expect(pack!.id).toMatch(UUID);
    expect(pack!.primary_certificate).toBe(pack!.certificates[0]!.id);
    expect(pack!.certificates.map((cert) => [cert.signature, cert.status, daysUntil(cert.expires_on), cert.zone_id])).toEqual([
      ["ECDSAWithSHA256", "active", 40, z.id],
      ["SHA256WithRSA", "pending_deployment", 41, z.id],
    ]);
    expect(pack).not.toHaveProperty("validation_errors");
  });

  it("serves validation errors and records for a pending pack without certificates", async () => {
    const z = await buildZone({
      certificatePacks: [
        {
          id: "8d7c6b5a-4e3f-4a2b-9c1d-0e9f8a7b6c5d",
          type: "total_tls",
          status: "pending_validation",
          hosts: ["*.z.example"],
          certificates: [],
          validationErrors: ["CAA"],
        },
      ],
    });
    const [pack] = z.certificatePacks;
    expect(pack).toMatchObject({ id: "8d7c6b5a-4e3f-4a2b-9c1d-0e9f8a7b6c5d", type: "total_tls", certificates: [], validation_errors: [{ message: "CAA" }] });
    expect(pack!.validation_records).toEqual([{ status: "pending", txt_name: "_acme-challenge.z.example", txt_value: expect.stringMatching(HEX32) }]);
    expect(pack).not.toHaveProperty("primary_certificate");
  });
});
