import { describe, expect, it } from "vitest";
import { pollStore } from "../../../test/helpers/store-poll.js";
import { customCertificate } from "./store.js";

describe("custom_certificate", () => {
  it("maps metadata without PEM, hosts joined; a PEM is used when one is sent", async () => {
    const { poll } = await pollStore(customCertificate, {
      customCertificates: [
        { hosts: ["store.test", "www.store.test"], daysLeft: 25 },
        { hosts: ["legacy.store.test"], daysLeft: -5, status: "expired", withPem: true },
      ],
    });
    expect(poll.items.map((item) => [item.attributes.hosts, item.status, item.pem === null])).toEqual([
      ["store.test, www.store.test", "active", true],
      ["legacy.store.test", "expired", false],
    ]);
  });
});
