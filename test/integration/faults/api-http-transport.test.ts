// Faults a retry can help with: 5xx, 429 (with, without and with an absurd Retry-After), a
// connection reset in the middle of the body, a server that never answers, plus the statuses
// that must not be retried. Test config: timeout 1 s, 2 retries, Retry-After capped at 1 s.
import { EP, EP_NAME, faultGroup, fasterThan, gapsWithin, HOSTNAMES, IDS, all, certsPresent, samplesFor, statusIs, type Endpoint, type FaultCase } from "./fault-cases.js";

const RETRIES = 2;
/**
 * Persistent retryable faults: one try plus the retries, per request the source makes. The
 * association source reads its hostnames in parallel and fails with the first that gives up, so
 * the other's last retry may not have arrived yet when the cycle ends.
 */
const attemptsFor = (endpoint: Endpoint) =>
  endpoint === EP.association ? { min: RETRIES + 1, max: (RETRIES + 1) * HOSTNAMES.length } : RETRIES + 1;

const EDGE_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n';
const EDGE_520 = "<!DOCTYPE html><html><head><title>api.cloudflare.com | 520: Web server is returning an unknown error</title></head><body>Error code 520</body></html>";

const fiveHundreds: FaultCase[] = (
  [
    [EP.trustStore, 500],
    [EP.hostnameCerts, 502],
    [EP.association, 503],
    [EP.zoneAopList, 504],
    [EP.zoneAopSettings, 500],
    [EP.customHostnames, 502],
    [EP.customCertificates, 503],
    [EP.certificatePacks, 504],
  ] as const
).map(([endpoint, status]) => ({
  name: `${EP_NAME[endpoint]}: persistent ${status} → down, http_5xx after ${RETRIES} retries`,
  endpoint,
  fault: { status },
  expect: { up: 0, reason: "http_5xx", attempts: attemptsFor(endpoint) },
}));

const cases: FaultCase[] = [
  ...fiveHundreds,
  {
    name: "trust_store list: one 503, then a good answer → up after one retry",
    endpoint: EP.trustStore,
    fault: { status: 503, times: 1 },
    expect: { up: 1, attempts: 2, check: certsPresent([IDS.ca1, IDS.ca2]) },
  },
  {
    name: "certificate_pack list: two 502s, then a good answer → up after two retries",
    endpoint: EP.certificatePacks,
    fault: { status: 502, times: 2 },
    expect: { up: 1, attempts: 3, check: certsPresent([IDS.pc1, IDS.pc2]) },
  },
  {
    name: "custom_hostname list: Cloudflare's HTML 502 page → down, http_5xx",
    endpoint: EP.customHostnames,
    fault: { raw: { status: 502, body: EDGE_502, contentType: "text/html" } },
    expect: { up: 0, reason: "http_5xx", attempts: attemptsFor(EP.customHostnames) },
  },
  {
    name: "aop_zone_cert settings: an HTML 520 page → down, http_5xx",
    endpoint: EP.zoneAopSettings,
    fault: { raw: { status: 520, body: EDGE_520, contentType: "text/html" } },
    expect: { up: 0, reason: "http_5xx", attempts: attemptsFor(EP.zoneAopSettings) },
  },

  // 429: every wait is capped by retry_after_cap_seconds (1 s here), so the cycle ends in bounded time.
  {
    name: "aop_hostname_cert list: persistent 429 with Retry-After: 1 → down, rate_limited",
    endpoint: EP.hostnameCerts,
    fault: { status: 429, retryAfter: 1 },
    expect: { up: 0, reason: "rate_limited", attempts: attemptsFor(EP.hostnameCerts), check: gapsWithin(900, 2_500) },
    limitMs: 10_000,
  },
  {
    name: "custom_certificate list: persistent 429 without Retry-After → down, rate_limited",
    endpoint: EP.customCertificates,
    fault: { status: 429 },
    expect: { up: 0, reason: "rate_limited", attempts: attemptsFor(EP.customCertificates), check: fasterThan(6_000) },
    limitMs: 10_000,
  },
  {
    name: "trust_store list: persistent 429 with Retry-After: 999999 → capped at 1 s, down, rate_limited",
    endpoint: EP.trustStore,
    fault: { status: 429, retryAfter: 999_999 },
    expect: { up: 0, reason: "rate_limited", attempts: attemptsFor(EP.trustStore), check: all(gapsWithin(900, 2_500), fasterThan(6_000)) },
    limitMs: 10_000,
  },
  {
    name: "certificate_pack list: persistent 429 with Retry-After as a date in year 9999 → capped, down, rate_limited",
    endpoint: EP.certificatePacks,
    fault: { raw: { status: 429, body: '{"success":false,"errors":[{"code":971,"message":"Please wait and consider throttling your request speed"}],"messages":[],"result":null}', headers: { "retry-after": "Fri, 31 Dec 9999 23:59:59 GMT" } } },
    expect: { up: 0, reason: "rate_limited", attempts: attemptsFor(EP.certificatePacks), check: all(gapsWithin(0, 2_500), fasterThan(6_000)) },
    limitMs: 10_000,
  },
  {
    name: "custom_hostname list: persistent 429 with an unreadable Retry-After → down, rate_limited",
    endpoint: EP.customHostnames,
    fault: { raw: { status: 429, body: '{"success":false,"errors":[{"code":971,"message":"Please wait"}],"messages":[],"result":null}', headers: { "retry-after": "soon" } } },
    expect: { up: 0, reason: "rate_limited", attempts: attemptsFor(EP.customHostnames), check: fasterThan(6_000) },
    limitMs: 10_000,
  },
  {
    name: "aop_hostname association: one 429 with Retry-After: 999999, then good answers → up within the cap",
    endpoint: EP.association,
    fault: { status: 429, retryAfter: 999_999, times: 1 },
    expect: { up: 1, attempts: HOSTNAMES.length + 1, check: all(fasterThan(5_000), certsPresent([IDS.hc1, IDS.hc2])) },
    limitMs: 10_000,
  },

  // The connection dies in the middle of the body: a network error, retried.
  ...(
    [
      [EP.trustStore, 20],
      [EP.hostnameCerts, 64],
      [EP.customHostnames, 200],
      [EP.zoneAopSettings, 10],
      [EP.certificatePacks, 0],
    ] as const
  ).map(([endpoint, bytes]): FaultCase => ({
    name: `${EP_NAME[endpoint]}: connection reset after ${bytes} body bytes → down, network`,
    endpoint,
    fault: { resetAfterBytes: bytes },
    expect: { up: 0, reason: "network", attempts: attemptsFor(endpoint) },
  })),
  {
    name: "aop_hostname association: one reset mid-body, then good answers → up after a retry",
    endpoint: EP.association,
    fault: { resetAfterBytes: 30, times: 1 },
    expect: { up: 1, attempts: HOSTNAMES.length + 1, check: certsPresent([IDS.hc1, IDS.hc2]) },
  },

  // No answer at all: the client's timeout (1 s here) ends every attempt.
  {
    name: "trust_store list: the server never answers → down, timeout, bounded by the client timeout",
    endpoint: EP.trustStore,
    fault: { hang: true },
    expect: { up: 0, reason: "timeout", attempts: attemptsFor(EP.trustStore), check: fasterThan(8_000) },
    limitMs: 15_000,
  },
  {
    name: "custom_certificate list: the server never answers → down, timeout",
    endpoint: EP.customCertificates,
    fault: { hang: true },
    expect: { up: 0, reason: "timeout", attempts: attemptsFor(EP.customCertificates), check: fasterThan(8_000) },
    limitMs: 15_000,
  },
  {
    name: "aop_hostname association: one request never answered, then good answers → up after a retry",
    endpoint: EP.association,
    fault: { hang: true, times: 1 },
    expect: { up: 1, attempts: HOSTNAMES.length + 1, check: all(certsPresent([IDS.hc1, IDS.hc2]), fasterThan(5_000)) },
    limitMs: 15_000,
  },
  {
    name: "aop_zone_cert list: one answer slower than the timeout, then a good one → up after a retry",
    endpoint: EP.zoneAopList,
    fault: { delayMs: 1_500, times: 1 },
    expect: { up: 1, attempts: 2, check: certsPresent([IDS.zc1]) },
    limitMs: 15_000,
  },

  // Statuses that are answers, not hiccups: not retried (408 excepted).
  {
    name: "trust_store list: 401 → down, unauthorized, not retried",
    endpoint: EP.trustStore,
    fault: { status: 401 },
    expect: { up: 0, reason: "unauthorized", attempts: 1 },
  },
  {
    name: "custom_certificate list: 404 → down, not_found, not retried",
    endpoint: EP.customCertificates,
    fault: { status: 404 },
    expect: { up: 0, reason: "not_found", attempts: 1 },
  },
  {
    name: "custom_hostname list: 403 while the zone's other sources work → down, forbidden, marked unavailable",
    endpoint: EP.customHostnames,
    fault: { status: 403 },
    // A source marked unavailable is asked again only hourly: the next case needs a fresh daemon.
    restartAfter: true,
    expect: {
      up: 0,
      reason: "forbidden",
      attempts: 1,
      check: (obs) => (samplesFor(obs, "certwatch_source_unavailable", { source: "custom_hostname" }).length === 1 ? [] : ["no certwatch_source_unavailable for custom_hostname"]),
    },
  },
  {
    name: "aop_hostname_cert list: persistent 408 → down, timeout, retried",
    endpoint: EP.hostnameCerts,
    fault: { status: 408 },
    expect: { up: 0, reason: "timeout", attempts: attemptsFor(EP.hostnameCerts) },
  },
  {
    name: "aop_hostname association: 404 is an answer (no association) → up, not_associated",
    endpoint: EP.association,
    fault: { status: 404 },
    expect: { up: 1, attempts: HOSTNAMES.length, check: statusIs("", "not_associated") },
    alerts: {
      added: HOSTNAMES.map((hostname) => ({ alertname: "CertificateNotActive", source: "aop_hostname", hostname })),
      // The association presented hc-2 (20 days left); without it only the certificate record alerts on its expiry.
      mayAdd: [{ alertname: "CertificateExpiringSoon", cert_id: IDS.hc2 }],
      removed: [],
    },
  },

  // A 50 MB answer: a size cap may refuse it (invalid_response) or it may be read; the daemon stays up.
  {
    name: "custom_hostname list: a 50 MB answer → refused by the size cap or read; no crash, memory sane",
    endpoint: EP.customHostnames,
    fault: { mutate: (body) => ({ ...(body as object), padding: "x".repeat(50 * 1_048_576) }), times: 1 },
    expect: {
      up: "either",
      reasonIfDown: "invalid_response",
      check: all(
        (obs) => (obs.heapDeltaMb < 400 ? [] : [`heap grew by ${obs.heapDeltaMb} MB`]),
        // Refused or read, it is asked for once. Only an attempt that ran out of time (1 s here:
        // reading 50 MB on a loaded machine can) is retried, and the retry gets the normal answer.
        (obs) => {
          const timedOut = samplesFor(obs, "certwatch_api_requests_total", { endpoint: EP.customHostnames, code: "timeout" }).some((s) => s.value > 0);
          if (obs.requests.length === 1 || (obs.requests.length === 2 && timedOut)) return [];
          return [`a 50 MB answer was asked for ${obs.requests.length} times${timedOut ? "" : ", with no attempt timing out"}`];
        },
      ),
    },
  },
];

faultGroup("api-http-transport", "API faults at the HTTP level: statuses, rate limits, resets, silence", cases);
