// Answers that are valid JSON envelopes but say odd things: a result of the wrong type, lying
// result_info, a server that ignores `page`, unknown enum values, odd ids, invalid items among
// valid ones, duplicate ids. Expectations follow the issue; several wait for engineer B's work
// (reason `pagination`, certwatch_items_invalid_total, `result: null` = not associated).
import {
  all,
  certsPresent,
  countedInvalid,
  EP,
  EP_NAME,
  editItem,
  envelope,
  faultGroup,
  forHostname,
  HOSTNAMES,
  IDS,
  itemsOf,
  separateRecords,
  samplesFor,
  statusIs,
  type Endpoint,
  type FaultCase,
  type Json,
  type Observation,
} from "./fault-cases.js";

const down = (reason: string, attempts: number | { max: number } = 1) => ({ up: 0 as const, reason, attempts });

/** The result replaced by `value`. */
const resultIs = (value: unknown) =>
  envelope((body) => {
    body.result = value;
  });

/** `result_info` edited (or removed when `edit` returns null). */
const resultInfo = (edit: (info: Json) => Json | null) =>
  envelope((body) => {
    const next = edit({ ...((body.result_info as Json | undefined) ?? {}) });
    if (next === null) delete body.result_info;
    else body.result_info = next;
  });

/**
 * An extra item added to a list answer. result_info, where there is one, counts it, so the case
 * tests the item and nothing else (counts that contradict the page are a case of their own).
 */
const appendItem = (make: (items: Json[]) => unknown, at: "start" | "end" = "end") =>
  envelope((body) => {
    const extra = make(itemsOf(body));
    (body.result as unknown[])[at === "start" ? "unshift" : "push"](extra);
    countOneMore(body);
  });

function countOneMore(body: Json): void {
  const info = body.result_info as Json | null | undefined;
  if (!info) return;
  for (const key of ["count", "total_count"]) if (typeof info[key] === "number") info[key] = (info[key] as number) + 1;
}

/** A copy of the item with id `id`, changed by `edit`. */
const copyOf = (id: string, edit: (copy: Json) => void) => (items: Json[]) => {
  const copy = structuredClone(items.find((i) => i.id === id || i.cert_id === id)!);
  edit(copy);
  return copy;
};

/** The item of `id` gets a new id. */
const renameId = (id: string, next: string, field = "id") => editItem(id, (item) => (item[field] = next));

const runaway = (endpoint: Endpoint): FaultCase => ({
  name: `${EP_NAME[endpoint]}: result_info says 1000 pages while the server ignores \`page\` → down, pagination, within 3 requests`,
  endpoint,
  // Bounded so that a poller without runaway detection costs 10 requests here, not 1000.
  fault: {
    ignorePage: true,
    times: 10,
    mutate: resultInfo((info) => ({ ...info, page: 1, total_pages: 1000, total_count: 50_000 })),
  },
  expect: down("pagination", { max: 3 }),
  awaits: "B",
  note: "the fault stops after 10 answers; without detection the source reads 10 copies of page 1 and stays up",
});

const unknownStatus = (endpoint: Endpoint, certId: string, edit: (item: Json) => void, hostname?: string): FaultCase => ({
  name: `${EP_NAME[endpoint]}: unknown status "foo_bar" → kept, record present with that status`,
  endpoint,
  fault: {
    mutate: hostname
      ? forHostname(
          hostname,
          envelope((body) => {
            edit(body.result as Json);
          })!,
        )
      : editItem(certId, edit),
  },
  expect: { up: 1, check: all(certsPresent([certId]), statusIs(certId, "foo_bar")) },
  // An unknown status reads as transitional: worth a warning if it lingers, never a crash.
  alerts: { mayAdd: [{ alertname: "CertificateNotActive", severity: "warning", cert_id: certId }] },
});

const oddId = (endpoint: Endpoint, label: string, oldId: string, newId: string, field = "id"): FaultCase => ({
  name: `${EP_NAME[endpoint]}: ${label} id → record present, metrics well-formed`,
  endpoint,
  fault: { mutate: renameId(oldId, newId, field) },
  expect: { up: 1, check: certsPresent([newId]) },
});

/** The rest of the list is kept and the bad item is counted in certwatch_items_invalid_total. */
const skipsInvalid = (keep: string[], reason: "missing_id" | "not_an_object" | "bad_field") => ({
  up: 1 as const,
  check: all(certsPresent(keep), countedInvalid(1, reason)),
});

const cases: FaultCase[] = [
  // `result` of the wrong type.
  { name: "trust_store list: result null → down, invalid_response", endpoint: EP.trustStore, fault: { mutate: resultIs(null) }, expect: down("invalid_response") },
  { name: "custom_hostname list: result an object → down, invalid_response", endpoint: EP.customHostnames, fault: { mutate: resultIs({}) }, expect: down("invalid_response") },
  { name: "certificate_pack list: result a string → down, invalid_response", endpoint: EP.certificatePacks, fault: { mutate: resultIs("packs") }, expect: down("invalid_response") },
  { name: "aop_hostname_cert list: result null → down, invalid_response", endpoint: EP.hostnameCerts, fault: { mutate: resultIs(null) }, expect: down("invalid_response") },
  { name: "aop_zone_cert list: result a string → down, invalid_response", endpoint: EP.zoneAopList, fault: { mutate: resultIs("certificates") }, expect: down("invalid_response") },
  {
    name: "custom_certificate list: result one object where a list belongs → down, invalid_response",
    endpoint: EP.customCertificates,
    fault: { mutate: envelope((body) => void (body.result = itemsOf(body)[0])) },
    expect: down("invalid_response"),
  },
  // An unreadable switch is "unknown": the certificates stay (at full severity), the answer is counted invalid.
  {
    name: "aop_zone_cert settings: result null → switch unknown, certificates kept, counted invalid",
    endpoint: EP.zoneAopSettings,
    fault: { mutate: resultIs(null) },
    expect: { up: 1, attempts: 1, check: all(certsPresent([IDS.zc1]), countedInvalid(1, "bad_field")) },
    awaits: "B",
  },
  {
    name: 'aop_zone_cert settings: enabled "yes" → switch unknown, certificates kept, counted invalid',
    endpoint: EP.zoneAopSettings,
    fault: { mutate: resultIs({ enabled: "yes" }) },
    expect: { up: 1, attempts: 1, check: all(certsPresent([IDS.zc1]), countedInvalid(1, "bad_field")) },
    awaits: "B",
  },
  {
    name: "aop_hostname association: result null → not associated, up",
    endpoint: EP.association,
    fault: { mutate: forHostname(HOSTNAMES[0], resultIs(null)!) },
    expect: {
      up: 1,
      check: all(statusIs("", "not_associated"), (obs) =>
        samplesFor(obs, "certwatch_cert_status", { hostname: HOSTNAMES[1], cert_id: IDS.hc2 }).length === 1 ? [] : ["the other hostname's association is gone"],
      ),
    },
    alerts: { added: [{ alertname: "CertificateNotActive", source: "aop_hostname", hostname: HOSTNAMES[0] }] },
    awaits: "B",
  },
  // One hostname's unusable answer is one invalid item: skipped and counted; the other hostname stays.
  {
    name: "aop_hostname association: result a string for one hostname → that answer skipped and counted, the other kept",
    endpoint: EP.association,
    fault: { mutate: forHostname(HOSTNAMES[0], resultIs("associated")!) },
    expect: { up: 1, attempts: 2, check: all(certsPresent([IDS.hc2]), countedInvalid(1, "not_an_object")) },
    awaits: "B",
  },
  {
    name: "aop_hostname association: result a list for one hostname → that answer skipped and counted, the other kept",
    endpoint: EP.association,
    fault: { mutate: forHostname(HOSTNAMES[1], resultIs([])!) },
    expect: { up: 1, attempts: 2, check: all(certsPresent([IDS.hc1]), countedInvalid(1, "not_an_object")) },
    awaits: "B",
  },

  // result_info missing or lying.
  {
    name: "trust_store list: no result_info → up, every item kept",
    endpoint: EP.trustStore,
    fault: { mutate: resultInfo(() => null) },
    expect: { up: 1, attempts: 1, check: certsPresent([IDS.ca1, IDS.ca2]) },
  },
  {
    name: "custom_certificate list: result_info null → up, every item kept",
    endpoint: EP.customCertificates,
    fault: { mutate: envelope((body) => void (body.result_info = null)) },
    expect: { up: 1, attempts: 1, check: certsPresent([IDS.cc1]) },
  },
  // result_info that contradicts the page is a list that cannot be trusted to be complete.
  {
    name: "custom_hostname list: total_count 1 contradicting the 2 items sent → down, pagination",
    endpoint: EP.customHostnames,
    fault: { mutate: resultInfo((info) => ({ ...info, total_count: 1, total_pages: undefined, count: 1 })) },
    expect: down("pagination"),
    awaits: "B",
  },
  {
    name: "certificate_pack list: total_count 9999 on a short page, no total_pages → up, stops, kept",
    endpoint: EP.certificatePacks,
    fault: { mutate: resultInfo((info) => ({ ...info, total_count: 9_999, total_pages: undefined })) },
    expect: { up: 1, attempts: { max: 2 }, check: certsPresent([IDS.pc1, IDS.pc2]) },
  },
  {
    name: "trust_store list: total_pages 0 beside 2 items → down, pagination",
    endpoint: EP.trustStore,
    fault: { mutate: resultInfo((info) => ({ ...info, total_pages: 0 })) },
    expect: down("pagination"),
    awaits: "B",
  },
  {
    name: "custom_certificate list: total_pages 3 for a total_count of 1 → down, pagination",
    endpoint: EP.customCertificates,
    fault: { mutate: resultInfo((info) => ({ ...info, total_pages: 3 })) },
    expect: down("pagination", { max: 2 }),
    awaits: "B",
  },
  runaway(EP.trustStore),
  runaway(EP.customHostnames),
  runaway(EP.customCertificates),
  runaway(EP.certificatePacks),
  runaway(EP.originCa),

  // Unknown enum values.
  unknownStatus(EP.trustStore, IDS.ca1, (item) => (item.status = "foo_bar")),
  unknownStatus(EP.hostnameCerts, IDS.hc1, (item) => (item.status = "foo_bar")),
  unknownStatus(EP.zoneAopList, IDS.zc1, (item) => (item.status = "foo_bar")),
  unknownStatus(EP.customHostnames, IDS.chManaged, (item) => ((item.ssl as Json).status = "foo_bar")),
  unknownStatus(EP.customCertificates, IDS.cc1, (item) => (item.status = "foo_bar")),
  unknownStatus(EP.association, IDS.hc1, (item) => (item.status = "foo_bar"), HOSTNAMES[0]),
  {
    name: 'certificate_pack list: unknown pack status "foo_bar" → kept, records present with that status',
    endpoint: EP.certificatePacks,
    fault: { mutate: editItem(IDS.pack1, (pack) => (pack.status = "foo_bar")) },
    expect: { up: 1, check: all(certsPresent([IDS.pc1, IDS.pc2]), statusIs(IDS.pc1, "foo_bar")) },
    alerts: { mayAdd: [{ alertname: "CertificateNotActive", severity: "warning", source: "certificate_pack" }] },
  },

  // Odd ids.
  oddId(EP.trustStore, "another 36-character UUID", IDS.ca1, "7b0e4b8e-0f7c-4a34-9d52-3c1f0e6d2a11"),
  oddId(EP.hostnameCerts, "a unicode", IDS.hc1, "证书-zertifikat-ü-🔒"),
  oddId(EP.customCertificates, "a 4096-character", IDS.cc1, `${"a1".repeat(2_048)}`),
  {
    name: "certificate_pack list: a certificate id with slashes → record present, metrics well-formed",
    endpoint: EP.certificatePacks,
    fault: { mutate: editItem(IDS.pack1, (pack) => ((pack.certificates as Json[])[0]!.id = "../packs/1/../../certs?x=1")) },
    expect: { up: 1, check: certsPresent(["../packs/1/../../certs?x=1", IDS.pc2]) },
  },
  oddId(EP.zoneAopList, 'a quote, backslash and newline in the', IDS.zc1, 'zone"cert\\with\nnewline'),
  oddId(EP.customHostnames, "a spaces, markup and query", IDS.chCustom, "id with spaces & <b>markup</b> ?q=1#frag"),
  {
    name: "aop_hostname association: a unicode cert_id → record present, metrics well-formed",
    endpoint: EP.association,
    fault: { mutate: forHostname(HOSTNAMES[0], envelope((body) => void ((body.result as Json).cert_id = "ü/🔒/\u0000nul"))!) },
    expect: { up: 1, check: certsPresent(["ü/🔒/\u0000nul"]) },
  },

  // An invalid item among valid ones: skipped and counted, the rest kept.
  {
    name: "trust_store list: one item without an id among valid ones → rest kept, counted invalid",
    endpoint: EP.trustStore,
    fault: { mutate: appendItem(copyOf(IDS.ca1, (c) => delete c.id)) },
    expect: skipsInvalid([IDS.ca1, IDS.ca2], "missing_id"),
    awaits: "B",
  },
  {
    name: "aop_hostname_cert list: one item with neither id nor cert_id → rest kept, counted invalid",
    endpoint: EP.hostnameCerts,
    fault: { mutate: appendItem(copyOf(IDS.hc1, (c) => delete c.id), "start") },
    expect: skipsInvalid([IDS.hc1, IDS.hc2], "missing_id"),
    awaits: "B",
  },
  {
    name: "custom_hostname list: one item without an id → rest kept, counted invalid",
    endpoint: EP.customHostnames,
    fault: { mutate: appendItem(copyOf(IDS.chManaged, (c) => ((c.id = undefined), (c.hostname = "third.customer.test")))) },
    expect: skipsInvalid([IDS.chCustom, IDS.chManaged], "missing_id"),
    awaits: "B",
  },
  {
    name: "certificate_pack list: one pack without an id → rest kept, counted invalid",
    endpoint: EP.certificatePacks,
    fault: { mutate: appendItem(copyOf(IDS.pack1, (c) => ((c.id = null), (c.certificates = [])))) },
    expect: skipsInvalid([IDS.pc1, IDS.pc2], "missing_id"),
    awaits: "B",
  },
  {
    name: 'custom_certificate list: one item with id "" → rest kept, counted invalid',
    endpoint: EP.customCertificates,
    fault: { mutate: appendItem(copyOf(IDS.cc1, (c) => (c.id = ""))) },
    expect: skipsInvalid([IDS.cc1], "missing_id"),
    awaits: "B",
  },
  {
    name: "aop_zone_cert list: one item with id null → rest kept, counted invalid",
    endpoint: EP.zoneAopList,
    fault: { mutate: appendItem(copyOf(IDS.zc1, (c) => (c.id = null))) },
    expect: skipsInvalid([IDS.zc1], "missing_id"),
    awaits: "B",
  },
  {
    name: "trust_store list: a string item among objects → rest kept, counted invalid",
    endpoint: EP.trustStore,
    fault: { mutate: appendItem(() => "oops") },
    expect: skipsInvalid([IDS.ca1, IDS.ca2], "not_an_object"),
    awaits: "B",
  },
  {
    name: "custom_hostname list: a string item first among objects → rest kept, counted invalid",
    endpoint: EP.customHostnames,
    fault: { mutate: appendItem(() => "not an object", "start") },
    expect: skipsInvalid([IDS.chCustom, IDS.chManaged], "not_an_object"),
    awaits: "B",
  },
  {
    name: "aop_hostname_cert list: a number item among objects → rest kept, counted invalid",
    endpoint: EP.hostnameCerts,
    fault: { mutate: appendItem(() => 42) },
    expect: skipsInvalid([IDS.hc1, IDS.hc2], "not_an_object"),
    awaits: "B",
  },
  {
    name: "certificate_pack list: a null item among objects → rest kept, counted invalid",
    endpoint: EP.certificatePacks,
    fault: { mutate: appendItem(() => null) },
    expect: skipsInvalid([IDS.pc1, IDS.pc2], "not_an_object"),
    awaits: "B",
  },
  {
    name: 'custom_certificate list: one item with expires_on "not a date" → rest kept; the item skipped (counted) or kept',
    endpoint: EP.customCertificates,
    fault: { mutate: appendItem(copyOf(IDS.cc1, (c) => ((c.id = "cc-bad-date"), (c.expires_on = "not a date")))) },
    expect: {
      up: 1,
      check: all(certsPresent([IDS.cc1]), (obs: Observation) =>
        countedInvalid(1, "bad_field")(obs).length === 0 || obs.records.some((r) => r.certId === "cc-bad-date") ? [] : ["the bad-date item is neither counted invalid nor kept"],
      ),
    },
    awaits: "B",
  },

  // Duplicate ids are separate records.
  {
    name: "trust_store list: two different CAs under one id → both kept as records",
    endpoint: EP.trustStore,
    fault: { mutate: appendItem(copyOf(IDS.ca2, (c) => (c.id = IDS.ca1))) },
    expect: { up: 1, check: all(separateRecords(IDS.ca1, 2, "certwatch_cert_not_after_timestamp_seconds"), certsPresent([IDS.ca2])) },
    awaits: "B",
  },
  {
    name: "aop_hostname_cert list: the same item twice → kept as two records",
    endpoint: EP.hostnameCerts,
    fault: { mutate: appendItem(copyOf(IDS.hc1, () => undefined)) },
    expect: { up: 1, check: all(separateRecords(IDS.hc1, 2), certsPresent([IDS.hc2])) },
    awaits: "B",
  },
  {
    name: "custom_hostname list: one id for two hostnames → both kept as records",
    endpoint: EP.customHostnames,
    fault: { mutate: appendItem(copyOf(IDS.chManaged, (c) => (c.hostname = "twin.customer.test"))) },
    expect: {
      up: 1,
      check: all(separateRecords(IDS.chManaged, 2), (obs) =>
        samplesFor(obs, "certwatch_cert_status", { hostname: "twin.customer.test" }).length === 1 ? [] : ["the twin hostname has no series"],
      ),
    },
    awaits: "B",
  },
  {
    name: "certificate_pack list: the same pack twice → its certificates kept as separate records",
    endpoint: EP.certificatePacks,
    fault: { mutate: appendItem((items) => structuredClone(items.find((pack) => pack.id === IDS.pack1))) },
    expect: { up: 1, check: all(separateRecords(IDS.pc1, 2), separateRecords(IDS.pc2, 2)) },
    awaits: "B",
  },
];

faultGroup("api-shape", "API answers with odd shapes, lying result_info and odd items", cases);
