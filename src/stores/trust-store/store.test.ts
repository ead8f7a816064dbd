import { describe, expect, it } from "vitest";
import { CloudflareApiError } from "../../cloudflare/api-error.js";
import { pollStore } from "../../../test/helpers/store-poll.js";
import { trustStore } from "./store.js";

describe("trust_store", () => {
  it("maps each CA with its PEM, status, API expiry and signature, reading every page", async () => {
    const roots = Array.from({ length: 55 }, (_, i) => ({ cn: `Root ${i}`, daysLeft: 100 + i, status: i === 0 ? "pending_deployment" : "active" }));
    const { poll, requests } = await pollStore(trustStore, { trustStore: roots });
    expect(poll.items).toHaveLength(55);
    expect(requests.filter((r) => r.template === "/zones/:zone_id/acm/custom_trust_store")).toHaveLength(2);
    const first = poll.items[0]!;
    expect(first.status).toBe("pending_deployment");
    expect(first.hostname).toBe("");
    expect(first.pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(first.apiIssuer).toBe("Root 0");
    expect(typeof first.attributes.signature).toBe("string");
    expect(Math.round((first.apiExpiresOn! - Date.now()) / 86_400_000)).toBe(100);
  });

  it("fails with forbidden on a zone without Advanced Certificate Manager", async () => {
    const error = await pollStore(trustStore, { entitlements: { trustStore: false } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloudflareApiError);
    expect((error as CloudflareApiError).reason).toBe("forbidden");
  });
});
