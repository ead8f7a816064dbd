// What Cloudflare may put in a `certificate` field: garbage, an empty block, a CSR, a private
// key, bare DER, a bundle of 10,000 certificates, dates before 1970 and in year 9999. A PEM
// that does not parse is a record with a parse error (CertificateUnparsable), never a failed
// source; one that parses must give exact dates. Caps (64 certificates / 1 MiB → "bundle too
// large") and impossible dates are engineer C's work.
import { webcrypto } from "node:crypto";
import { mintCertificate } from "../../../dev/simulator/mint.js";
import * as x509 from "@peculiar/x509";
import { GARBAGE_PEM } from "../../../dev/simulator/scenario.js";
import {
  all,
  certsPresent,
  EP,
  editItem,
  envelope,
  faultGroup,
  forHostname,
  HOSTNAMES,
  IDS,
  noParseErrors,
  parseErrorOn,
  parsedDates,
  replacePem,
  samplesFor,
  type Json,
  type Observation,
} from "./fault-cases.js";

const armor = (label: string, der: Uint8Array) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString("base64").match(/.{1,64}/g)!.join("\n")}\n-----END ${label}-----\n`;
const derOf = (pem: string) => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64");

const sample = await mintCertificate({ commonName: "pem-sample.faults.test", notBefore: new Date("2026-01-01T00:00:00Z"), notAfter: new Date("2027-02-01T00:00:00Z") });
const keys = (await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: "CN=csr.faults.test", keys, signingAlgorithm: { name: "ECDSA", hash: "SHA-256" } });
const CSR_PEM = csr.toString("pem");
const CSR_AS_CERTIFICATE = CSR_PEM.replace(/CERTIFICATE REQUEST/g, "CERTIFICATE");
const PRIVATE_KEY = armor("PRIVATE KEY", new Uint8Array(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey)));
const EMPTY_BLOCK = "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n";
const BARE_DER_BASE64 = derOf(sample.pem).toString("base64");
const BINARY_DER = derOf(sample.pem).toString("latin1");

/** Far ends of what X.509 dates can say: UTCTime from 1950, GeneralizedTime up to 9999. */
const FAR_FUTURE = await mintCertificate({ commonName: "far-future.faults.test", notBefore: new Date("1950-01-01T00:00:00Z"), notAfter: new Date("9999-12-31T23:59:59Z"), isCA: true });
const PRE_1970 = await mintCertificate({ commonName: "moon-landing.faults.test", notBefore: new Date("1950-01-01T00:00:00Z"), notAfter: new Date("1969-07-20T20:17:00Z") });

/** The sample with its notAfter (UTCTime 270201000000Z) patched to month 13: a date that cannot exist. */
const MONTH_13 = (() => {
  const der = derOf(sample.pem);
  const at = der.indexOf(Buffer.from("270201000000Z"));
  if (at < 0) throw new Error("notAfter not found in the sample certificate");
  der.write("13", at + 2, "latin1");
  return armor("CERTIFICATE", der);
})();

const BUNDLE_65 = sample.pem.repeat(65);
const BUNDLE_10000 = sample.pem.repeat(10_000);
/** One certificate, then 1.1 MiB of text: one object over the 1 MiB cap. */
const OVER_ONE_MIB = `${sample.pem}${"# padding that is not a certificate\n".repeat(Math.ceil((1.1 * 1_048_576) / 36))}`;

const unparsable = (source: string, certId: string) => ({ added: [{ alertname: "CertificateUnparsable", source, cert_id: certId }] });
/** The record is still there, with a parse error; the source is up. */
const parseError = (certId: string, pattern?: RegExp) => ({ up: 1 as const, check: all(certsPresent([certId]), parseErrorOn(certId, pattern)) });

faultGroup("api-pem", "API certificate fields that are not (only) a certificate", [
  {
    name: "trust_store list: a garbage PEM → record present with a parse error, CertificateUnparsable, source up",
    endpoint: EP.trustStore,
    fault: { mutate: replacePem(EP.trustStore, IDS.ca1, GARBAGE_PEM) },
    expect: parseError(IDS.ca1),
    alerts: unparsable("trust_store", IDS.ca1),
  },
  {
    name: "aop_hostname_cert list: an empty CERTIFICATE block → parse error, CertificateUnparsable",
    endpoint: EP.hostnameCerts,
    fault: { mutate: replacePem(EP.hostnameCerts, IDS.hc1, EMPTY_BLOCK) },
    expect: parseError(IDS.hc1),
    alerts: unparsable("aop_hostname_cert", IDS.hc1),
  },
  {
    name: "custom_hostname list: a CSR (CERTIFICATE REQUEST) → parse error, CertificateUnparsable",
    endpoint: EP.customHostnames,
    fault: { mutate: replacePem(EP.customHostnames, IDS.chCustom, CSR_PEM) },
    expect: parseError(IDS.chCustom),
    alerts: unparsable("custom_hostname", IDS.chCustom),
  },
  {
    name: "aop_zone_cert list: a CSR inside CERTIFICATE armour → parse error, CertificateUnparsable",
    endpoint: EP.zoneAopList,
    fault: { mutate: replacePem(EP.zoneAopList, IDS.zc1, CSR_AS_CERTIFICATE) },
    expect: parseError(IDS.zc1),
    alerts: unparsable("aop_zone_cert", IDS.zc1),
  },
  {
    name: "aop_hostname association: a private key → parse error, CertificateUnparsable",
    endpoint: EP.association,
    fault: { mutate: forHostname(HOSTNAMES[0], replacePem(EP.association, IDS.hc1, PRIVATE_KEY)!) },
    expect: parseError(IDS.hc1),
    alerts: { added: [{ alertname: "CertificateUnparsable", cert_id: IDS.hc1 }] },
  },
  {
    name: "trust_store list: bare DER in base64, no armour → parse error, CertificateUnparsable",
    endpoint: EP.trustStore,
    fault: { mutate: replacePem(EP.trustStore, IDS.ca2, BARE_DER_BASE64) },
    expect: parseError(IDS.ca2),
    alerts: unparsable("trust_store", IDS.ca2),
  },
  {
    name: "aop_hostname_cert list: raw DER bytes as a string → parse error, CertificateUnparsable",
    endpoint: EP.hostnameCerts,
    fault: { mutate: replacePem(EP.hostnameCerts, IDS.hc1, BINARY_DER) },
    expect: parseError(IDS.hc1),
    alerts: unparsable("aop_hostname_cert", IDS.hc1),
  },
  {
    name: "trust_store list: a good certificate followed by a garbage block → parse error",
    endpoint: EP.trustStore,
    fault: { mutate: editItem(IDS.ca1, (item) => void (item.certificate = `${String(item.certificate)}${GARBAGE_PEM}`)) },
    expect: parseError(IDS.ca1),
    alerts: unparsable("trust_store", IDS.ca1),
  },
  {
    name: 'trust_store list: certificate "" → no PEM: record present with the API\'s date, no parse error',
    endpoint: EP.trustStore,
    fault: { mutate: replacePem(EP.trustStore, IDS.ca1, "") },
    expect: {
      up: 1,
      check: all(certsPresent([IDS.ca1]), noParseErrors, (obs: Observation) =>
        samplesFor(obs, "certwatch_cert_expiry_timestamp_seconds", { source: "trust_store", cert_id: IDS.ca1, from_pem: "false" }).length === 1 ? [] : ["no API-dated expiry for the CA without a PEM"],
      ),
    },
  },
  {
    name: "custom_hostname list: a whitespace-only custom certificate → no PEM, record present, no parse error",
    endpoint: EP.customHostnames,
    fault: { mutate: replacePem(EP.customHostnames, IDS.chCustom, " \n\t \n") },
    expect: { up: 1, check: all(certsPresent([IDS.chCustom]), noParseErrors) },
  },
  {
    name: "aop_zone_cert list: openssl text before the PEM block → parses",
    endpoint: EP.zoneAopList,
    fault: { mutate: editItem(IDS.zc1, (item) => void (item.certificate = `Bag Attributes\n    localKeyID: 01 00 00 00\nsubject=CN = zone.faults.test\nissuer=CN = certwatch Sim Client CA\n${String(item.certificate)}`)) },
    expect: {
      up: 1,
      check: all(certsPresent([IDS.zc1]), noParseErrors, (obs: Observation) =>
        samplesFor(obs, "certwatch_cert_not_after_timestamp_seconds", { source: "aop_zone_cert", cert_id: IDS.zc1 }).length === 1 ? [] : ["no not_after for the certificate after openssl text"],
      ),
    },
  },
  {
    name: "aop_hostname_cert list: a 65-certificate bundle → parse error \"bundle too large\"",
    endpoint: EP.hostnameCerts,
    fault: { mutate: replacePem(EP.hostnameCerts, IDS.hc1, BUNDLE_65) },
    expect: parseError(IDS.hc1, /bundle too large/),
    alerts: unparsable("aop_hostname_cert", IDS.hc1),
    awaits: "C",
  },
  {
    name: "trust_store list: a 10,000-certificate bundle → parse error \"bundle too large\", cycle bounded",
    endpoint: EP.trustStore,
    fault: { mutate: replacePem(EP.trustStore, IDS.ca1, BUNDLE_10000) },
    expect: { ...parseError(IDS.ca1, /bundle too large/) },
    alerts: unparsable("trust_store", IDS.ca1),
    limitMs: 20_000,
    awaits: "C",
  },
  {
    name: "custom_hostname list: one certificate plus 1.1 MiB of text → parse error \"bundle too large\"",
    endpoint: EP.customHostnames,
    fault: { mutate: replacePem(EP.customHostnames, IDS.chCustom, OVER_ONE_MIB) },
    expect: parseError(IDS.chCustom, /too large/),
    alerts: unparsable("custom_hostname", IDS.chCustom),
    awaits: "C",
  },
  {
    name: "trust_store list: notBefore 1950, notAfter 9999-12-31 → parses with exact dates, no alert",
    endpoint: EP.trustStore,
    fault: { mutate: replacePem(EP.trustStore, IDS.ca2, FAR_FUTURE.pem, "9999-12-31T23:59:59Z") },
    expect: { up: 1, check: all(noParseErrors, parsedDates(IDS.ca2, 253_402_300_799, -631_152_000)) },
  },
  {
    name: "aop_hostname_cert list: notAfter 1969-07-20 (before 1970) → parses with exact dates, CertificateExpired",
    endpoint: EP.hostnameCerts,
    fault: { mutate: replacePem(EP.hostnameCerts, IDS.hc1, PRE_1970.pem, "1969-07-20T20:17:00Z") },
    expect: { up: 1, check: all(noParseErrors, parsedDates(IDS.hc1, -14_182_980, -631_152_000)) },
    alerts: { added: [{ alertname: "CertificateExpired", source: "aop_hostname_cert", cert_id: IDS.hc1 }] },
  },
  {
    name: "custom_hostname list: a notAfter in month 13 → parse error (an impossible date is not rolled over)",
    endpoint: EP.customHostnames,
    fault: { mutate: replacePem(EP.customHostnames, IDS.chCustom, MONTH_13) },
    expect: parseError(IDS.chCustom),
    alerts: unparsable("custom_hostname", IDS.chCustom),
    awaits: "C",
  },
  {
    name: "custom_certificate list: a garbage PEM where the API normally sends none → parse error, CertificateUnparsable",
    endpoint: EP.customCertificates,
    fault: { mutate: envelope((body) => void ((body.result as Json[])[0]!.certificate = GARBAGE_PEM)) },
    expect: parseError(IDS.cc1),
    alerts: unparsable("custom_certificate", IDS.cc1),
  },
]);
