import { describe, expect, it } from "vitest";
import { pollStore } from "../../../test/helpers/store-poll.js";
import { customHostname } from "./store.js";

const DAY_MS = 86_400_000;

describe("custom_hostname", () => {
  it("keeps an uploaded certificate's PEM, and a managed one's earliest API date without PEM", async () => {
    const { poll } = await pollStore(customHostname, {
      customHostnames: [
        { hostname: "managed.customer.test", kind: "managed", daysLeft: 20, sslStatus: "validation_timed_out", status: "moved" },
        { hostname: "uploaded.customer.test", kind: "custom", daysLeft: 9 },
      ],
    });
    const [managed, uploaded] = poll.items;
    expect(managed!.pem).toBeNull();
    // Cloudflare's RSA certificate, listed second, ends first: that is the date that counts.
    expect(Math.round((managed!.apiExpiresOn! - Date.now()) / DAY_MS)).toBe(20);
    expect(managed!.status).toBe("validation_timed_out");
    expect(managed!.attributes).toMatchObject({ hostname_status: "moved", certificate_kind: "managed" });
    expect(uploaded!.pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(uploaded!.attributes.certificate_kind).toBe("custom");
  });

  it("carries Cloudflare's verification and validation errors", async () => {
    const { poll } = await pollStore(customHostname, {
      customHostnames: [{ hostname: "e.customer.test", kind: "managed", daysLeft: 5, verificationErrors: ["no CNAME."], validationErrors: ["CAA forbids"] }],
    });
    expect(poll.items[0]!.attributes).toMatchObject({ verification_errors: "no CNAME.", validation_errors: "CAA forbids" });
  });
});
