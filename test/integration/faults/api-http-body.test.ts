// Answers that arrive whole but are not a usable Cloudflare envelope, on every endpoint
// certwatch polls. None of them is retried: the source goes down with the reason, keeping its
// last known certificates, and the rest of the zone is untouched.
import type { Fault } from "../../../dev/simulator/faults.js";
import { ALL_ENDPOINTS, all, certsPresent, EP, EP_NAME, faultGroup, IDS, samplesFor, type Endpoint, type FaultCase } from "./fault-cases.js";

const TRUNCATED = `{"success":true,"errors":[],"messages":[],"result":[{"id":"${IDS.ca1}","certificate":"-----BEGIN CERTIFICATE-----\\nMIIB`;

const CLOUDFLARE_HTML =
  '<!DOCTYPE html>\n<html lang="en-US"><head><title>Just a moment...</title></head>' +
  '<body><div id="cf-wrapper"><h1>Checking your browser before accessing api.cloudflare.com</h1></div></body></html>\n';

/** Bytes that are not UTF-8 (nor JSON) at all. */
const BINARY = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0x7b, 0x22]);

const BODY_FAULTS: Array<{ name: string; fault: Fault; reason: string }> = [
  { name: "truncated JSON on a 200", fault: { raw: { body: TRUNCATED } }, reason: "invalid_response" },
  { name: "invalid JSON on a 200", fault: { raw: { body: "{success: true, errors: [], messages: [], result: []}" } }, reason: "invalid_response" },
  { name: "an HTML page on a 200", fault: { raw: { body: CLOUDFLARE_HTML, contentType: "text/html; charset=UTF-8" } }, reason: "invalid_response" },
  { name: "success:false on a 200", fault: { body: "success_false" }, reason: "api_error" },
  { name: "an empty 200", fault: { raw: { body: "" } }, reason: "invalid_response" },
  { name: "JSON that is not an envelope", fault: { raw: { body: '{"ok":true,"data":[]}' } }, reason: "invalid_response" },
  { name: "non-UTF-8 binary on a 200", fault: { raw: { body: BINARY, contentType: "application/octet-stream" } }, reason: "invalid_response" },
  { name: "a 400 envelope", fault: { status: 400 }, reason: "api_error" },
];

/** The association source asks once per configured hostname. */
const onePerRequest = (endpoint: Endpoint) => (endpoint === EP.association ? 2 : 1);

const cases: FaultCase[] = ALL_ENDPOINTS.flatMap((endpoint) =>
  BODY_FAULTS.map(({ name, fault, reason }) => ({
    name: `${EP_NAME[endpoint]}: ${name} → down, ${reason}, not retried`,
    endpoint,
    fault,
    expect: { up: 0 as const, reason, attempts: onePerRequest(endpoint) },
  })),
);

/** The normal answer as bytes, with `bytes` spliced in right after the first `marker`. */
function spliceBytes(marker: string, bytes: number[]): Fault["mutate"] {
  return (body) => {
    const text = Buffer.from(JSON.stringify(body));
    const at = text.indexOf(marker);
    if (at < 0) throw new Error(`${marker} not in the answer`);
    const end = at + Buffer.byteLength(marker);
    return Buffer.concat([text.subarray(0, end), Buffer.from(bytes), text.subarray(end)]);
  };
}

// Bytes that are not UTF-8 inside the strings of an otherwise good envelope: decoded as U+FFFD,
// the answer is usable and the odd characters must come out of /metrics well-formed.
const notUtf8InStrings: FaultCase[] = [
  {
    name: "aop_hostname_cert list: bytes 0xff 0xfe inside an id → up, record present (U+FFFD), metrics well-formed",
    endpoint: EP.hostnameCerts,
    fault: { mutate: spliceBytes(`"id":"${IDS.hc1}`, [0xff, 0xfe]) },
    expect: { up: 1, check: certsPresent([`${IDS.hc1}\ufffd\ufffd`, IDS.hc2]) },
  },
  {
    name: "custom_hostname list: a Latin-1 hostname (caf\\xe9) → up, record present, metrics well-formed",
    endpoint: EP.customHostnames,
    fault: { mutate: spliceBytes('"hostname":"', [0x63, 0x61, 0x66, 0xe9, 0x2e]) },
    expect: {
      up: 1,
      check: all(certsPresent([IDS.chCustom, IDS.chManaged]), (obs) =>
        samplesFor(obs, "certwatch_cert_status", { source: "custom_hostname", hostname: "caf\ufffd.shop.customer.test" }).length === 1 ? [] : ["no series for the Latin-1 hostname"],
      ),
    },
  },
  {
    name: "trust_store list: the whole answer in UTF-16LE with a BOM → down, invalid_response",
    endpoint: EP.trustStore,
    fault: { mutate: (body) => Buffer.from(`\ufeff${JSON.stringify(body)}`, "utf16le") },
    expect: { up: 0, reason: "invalid_response", attempts: 1 },
  },
];

faultGroup("api-http-body", "API answers that are not a usable envelope", [...cases, ...notUtf8InStrings]);
