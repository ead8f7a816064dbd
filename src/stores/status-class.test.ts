// Every status value Cloudflare documents (the fact sheet's §3, copied here: tests do not read ../shared)
// is classified on purpose in STATUS_CLASSES, never by falling through to the default.
import { describe, expect, it } from "vitest";
import { classifyStatus, STATUS_CLASSES, type StatusClass } from "./status-class.js";

type DocClass = "H" | "T" | "F" | "G";

/** docs/cloudflare-api.md §3, per resource: value → the class the fact sheet gives it. */
const DOCUMENTED: Record<string, Record<string, DocClass>> = {
  "3.1 zones status": { active: "H", pending: "T", initializing: "T", moved: "F" },
  "3.2 trust store status": { active: "H", initializing: "T", pending_deployment: "T", pending_deletion: "T", expired: "F", deleted: "G" },
  "3.3-3.5 AOP status (7 values)": {
    active: "H",
    initializing: "T",
    pending_deployment: "T",
    pending_deletion: "T",
    deployment_timed_out: "F",
    deletion_timed_out: "F",
    deleted: "G",
  },
  "3.6 custom hostname status (16 values)": {
    active: "H",
    active_redeploying: "H",
    pending: "T",
    pending_deletion: "T",
    pending_migration: "T",
    pending_provisioned: "T",
    provisioned: "T",
    test_pending: "T",
    test_active: "T",
    test_active_apex: "T",
    moved: "F",
    blocked: "F",
    pending_blocked: "F",
    test_blocked: "F",
    test_failed: "F",
    deleted: "G",
  },
  "3.6/3.8 ssl.status and certificate pack status (21 values)": {
    active: "H",
    // "H for staging only": production does not serve it, so certwatch treats it as not there yet.
    staging_active: "T",
    initializing: "T",
    pending_validation: "T",
    pending_issuance: "T",
    pending_deployment: "T",
    pending_cleanup: "T",
    holding_deployment: "T",
    staging_deployment: "T",
    deactivating: "T",
    pending_deletion: "T",
    pending_expiration: "T",
    // "T/H, undocumented": Cloudflare's spare Universal SSL certificate; certwatch reads it as healthy.
    backup_issued: "H",
    initializing_timed_out: "F",
    validation_timed_out: "F",
    issuance_timed_out: "F",
    deployment_timed_out: "F",
    deletion_timed_out: "F",
    expired: "F",
    inactive: "G",
    deleted: "G",
  },
  "3.7 custom certificate status (5 values)": { active: "H", pending: "T", initializing: "T", expired: "F", deleted: "G" },
};

const CLASS_OF: Record<DocClass, StatusClass> = { H: "healthy", T: "transitional", F: "failed", G: "gone" };

describe("status classification", () => {
  for (const [resource, values] of Object.entries(DOCUMENTED)) {
    it(`lists every documented value of ${resource} explicitly, in its class`, () => {
      for (const [value, docClass] of Object.entries(values)) {
        expect(STATUS_CLASSES.has(value), `${value} is not in STATUS_CLASSES`).toBe(true);
        expect([value, classifyStatus(value)]).toEqual([value, CLASS_OF[docClass]]);
      }
    });
  }

  it("has the documented counts per enum (no value forgotten in the copy above)", () => {
    expect(Object.keys(DOCUMENTED["3.3-3.5 AOP status (7 values)"]!)).toHaveLength(7);
    expect(Object.keys(DOCUMENTED["3.6 custom hostname status (16 values)"]!)).toHaveLength(16);
    expect(Object.keys(DOCUMENTED["3.6/3.8 ssl.status and certificate pack status (21 values)"]!)).toHaveLength(21);
    expect(Object.keys(DOCUMENTED["3.7 custom certificate status (5 values)"]!)).toHaveLength(5);
  });

  it("reads an undocumented value as transitional, and any *_timed_out as failed", () => {
    expect(classifyStatus("foo_bar")).toBe("transitional");
    expect(classifyStatus("renewal_timed_out")).toBe("failed");
    expect(classifyStatus("not_associated")).toBe("missing");
  });
});
