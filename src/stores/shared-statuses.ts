// Status enums several stores document alike, named once so each store can say it uses them.

/** The enum every Authenticated Origin Pulls resource shares (certificates and associations). */
export const AOP_STATUSES = [
  "initializing",
  "pending_deployment",
  "pending_deletion",
  "active",
  "deleted",
  "deployment_timed_out",
  "deletion_timed_out",
] as const;

/** A certificate's status: custom hostnames' `ssl.status` and certificate packs share these 21 values. */
export const CERTIFICATE_STATUSES = [
  "initializing",
  "pending_validation",
  "deleted",
  "pending_issuance",
  "pending_deployment",
  "pending_deletion",
  "pending_expiration",
  "expired",
  "active",
  "initializing_timed_out",
  "validation_timed_out",
  "issuance_timed_out",
  "deployment_timed_out",
  "deletion_timed_out",
  "pending_cleanup",
  "staging_deployment",
  "staging_active",
  "deactivating",
  "inactive",
  "backup_issued",
  "holding_deployment",
] as const;
