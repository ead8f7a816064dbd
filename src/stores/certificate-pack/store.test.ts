import { describe, expect, it } from "vitest";
import { pollStore } from "../../../test/helpers/store-poll.js";
import { certificatePack } from "./store.js";

describe("certificate_pack", () => {
  it("asks for every status, one record per certificate with its pack's status; an empty pack is one record", async () => {
    const { poll, requests } = await pollStore(certificatePack, {
      certificatePacks: [
        { type: "advanced", hosts: ["store.test", "*.store.test"], certificates: [{ daysLeft: 80 }, { daysLeft: 79 }] },
        { type: "advanced", status: "pending_validation", hosts: ["shop.store.test"], certificates: [], validationErrors: ["CAA forbids"] },
      ],
    });
    expect(requests.every((r) => r.query.status === "all")).toBe(true);
    expect(poll.items.map((item) => item.status)).toEqual(["active", "active", "pending_validation"]);
    expect(poll.items[2]!.apiExpiresOn).toBeNull();
    expect(poll.items[2]!.attributes).toMatchObject({ pack_type: "advanced", validation_errors: "CAA forbids" });
    expect(poll.items[0]!.attributes.hosts).toBe("store.test, *.store.test");
  });
});
