// Validates simulator answers against the augmented Cloudflare OpenAPI subset, so the simulator
// cannot drift from the contract the daemon is written against.
import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS with an ES-style `export default` in its typings; under NodeNext the
// default import is typed as the module object while at runtime it may be either.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

interface OpenApiDocument {
  paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, { schema: object }> }> } }>;
  components: object;
}

const document = JSON.parse(
  readFileSync(new URL("../data/openapi-subset.augmented.json", import.meta.url), "utf8"),
) as OpenApiDocument;

/** Simulator route templates (`requests[].template`) → the document's path keys. */
const OPENAPI_PATHS: Record<string, string> = {
  "/zones/:zone_id/acm/custom_trust_store": "/zones/{zone_id}/acm/custom_trust_store",
  "/zones/:zone_id/acm/custom_trust_store/:id": "/zones/{zone_id}/acm/custom_trust_store/{custom_origin_trust_store_id}",
  "/zones/:zone_id/origin_tls_client_auth/hostnames/certificates": "/zones/{zone_id}/origin_tls_client_auth/hostnames/certificates",
  "/zones/:zone_id/origin_tls_client_auth/hostnames/certificates/:id":
    "/zones/{zone_id}/origin_tls_client_auth/hostnames/certificates/{certificate_id}",
  "/zones/:zone_id/origin_tls_client_auth/hostnames/:hostname": "/zones/{zone_id}/origin_tls_client_auth/hostnames/{hostname}",
  "/zones": "/zones",
  "/zones/:zone_id": "/zones/{zone_id}",
  "/zones/:zone_id/origin_tls_client_auth": "/zones/{zone_id}/origin_tls_client_auth",
  "/zones/:zone_id/origin_tls_client_auth/settings": "/zones/{zone_id}/origin_tls_client_auth/settings",
  "/zones/:zone_id/origin_tls_client_auth/:certificate_id": "/zones/{zone_id}/origin_tls_client_auth/{certificate_id}",
  "/zones/:zone_id/custom_hostnames": "/zones/{zone_id}/custom_hostnames",
  "/zones/:zone_id/custom_hostnames/:custom_hostname_id": "/zones/{zone_id}/custom_hostnames/{custom_hostname_id}",
  "/zones/:zone_id/custom_certificates": "/zones/{zone_id}/custom_certificates",
  "/zones/:zone_id/custom_certificates/:custom_certificate_id": "/zones/{zone_id}/custom_certificates/{custom_certificate_id}",
  "/zones/:zone_id/ssl/certificate_packs": "/zones/{zone_id}/ssl/certificate_packs",
  "/zones/:zone_id/ssl/certificate_packs/:certificate_pack_id": "/zones/{zone_id}/ssl/certificate_packs/{certificate_pack_id}",
};

// OpenAPI 3.0 `nullable: true` is understood by Ajv 8 itself when it sits beside `type`, which
// is how all eight uses in this document are written, so no schema rewriting is needed.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);

const compiled = new Map<string, ValidateFunction>();

function responseKey(status: number): string {
  if (status === 200) return "200";
  if (status >= 400 && status < 500) return "4XX";
  throw new Error(`the document describes no response for HTTP ${status}`);
}

function validatorFor(template: string, status: number): ValidateFunction {
  const key = `${template} ${responseKey(status)}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  const openApiPath = OPENAPI_PATHS[template];
  if (!openApiPath) throw new Error(`no OpenAPI path known for template ${template}`);
  const schema = document.paths[openApiPath]?.get?.responses[responseKey(status)]?.content?.["application/json"]?.schema;
  if (!schema) throw new Error(`no schema for GET ${openApiPath} ${responseKey(status)}`);
  // The response schemas use in-document refs (#/components/...); carrying the components along
  // makes this wrapper the root those refs resolve against.
  const validate = ajv.compile({ ...schema, components: document.components });
  compiled.set(key, validate);
  return validate;
}

export interface ResponseValidation {
  valid: boolean;
  /** Ajv's error list, readable in an assertion message. */
  errors: string;
}

export function validateResponse(template: string, status: number, body: unknown): ResponseValidation {
  const validate = validatorFor(template, status);
  const valid = validate(body) === true;
  return { valid, errors: valid ? "" : ajv.errorsText(validate.errors, { separator: "\n" }) };
}
