import { readCertificateFields } from "./der-certificate.js";
import type { ChainMember } from "../model/parsed-certificate.js";
import { validityOf } from "./validity.js";
import { x509 } from "./x509.js";

export interface ReadCertificate {
  certificate: x509.X509Certificate;
  member: ChainMember;
  /** Raw GeneralNames of the subjectAltName extension; decoded only for the leaf. */
  subjectAltName: Uint8Array<ArrayBuffer> | null;
}

/** Parses one DER certificate; throws with a reason fit for an alert. */
export function readCertificate(der: Uint8Array<ArrayBuffer>): ReadCertificate {
  const certificate = new x509.X509Certificate(der);
  const fields = readCertificateFields(der);
  // Dates come from the raw DER text, not from the library's Date, which rolls impossible values over.
  const { notBefore, notAfter } = validityOf(fields);
  return {
    certificate,
    member: { subjectCN: commonName(certificate.subjectName), issuerCN: commonName(certificate.issuerName), notBefore, notAfter },
    subjectAltName: fields.subjectAltName,
  };
}

function commonName(name: x509.Name): string {
  return name.getField("CN")[0] ?? "";
}
