// The per-source time limit (cloudflare.source_timeout_seconds, engineer B): one source's poll,
// retries included, may take this long; then it fails with reason `timeout` and the cycle moves
// on. Here the limit is 2 s while the client timeout is 10 s, so only the limit can end a case.
import { all, certsPresent, EP, faultGroup, fasterThan, IDS, type FaultCase } from "./fault-cases.js";

const cases: FaultCase[] = [
  {
    name: "trust_store list: every attempt answers 503 after 800 ms → down at the 2 s source limit, timeout",
    endpoint: EP.trustStore,
    fault: { status: 503, delayMs: 800 },
    expect: { up: 0, reason: "timeout", attempts: { max: 3 }, check: fasterThan(4_000) },
    limitMs: 10_000,
    awaits: "B",
  },
  {
    name: "custom_hostname list: the server never answers (client timeout 10 s) → down at the 2 s source limit, timeout",
    endpoint: EP.customHostnames,
    fault: { hang: true },
    expect: { up: 0, reason: "timeout", attempts: 1, check: fasterThan(4_000) },
    limitMs: 10_000,
    awaits: "B",
  },
  {
    name: "aop_hostname association: one hostname never answers → the source is down at the limit, timeout, both kept",
    endpoint: EP.association,
    fault: { hang: true, times: 1 },
    expect: { up: 0, reason: "timeout", check: fasterThan(4_000) },
    limitMs: 10_000,
    awaits: "B",
  },
  {
    name: "custom_certificate list: an answer 500 ms late, inside the limit → up",
    endpoint: EP.customCertificates,
    fault: { delayMs: 500, times: 1 },
    expect: { up: 1, attempts: 1, check: all(certsPresent([IDS.cc1]), fasterThan(4_000)) },
  },
];

faultGroup("api-source-timeout", "the per-source time limit", cases, {
  cloudflare: { timeout_seconds: 10, max_retries: 3, source_timeout_seconds: 2 },
});
