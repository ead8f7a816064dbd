// What every scenario builder shares: turning "N days left" into validity dates, minting real
// PEMs for a spec, and the per-state CAs that issue them.
import { randomBytes } from "node:crypto";
import { mintCertificate, mintChainBundle, type KeyAlgorithm, type MintedCertificate } from "./mint.js";
import { rfc3339Seconds } from "../../src/clock/rfc3339.js";

/** A PEM frame around bytes that are not base64: what a corrupted upload looks like to a parser. */
export const GARBAGE_PEM = "-----BEGIN CERTIFICATE-----\nnot base64!!\n-----END CERTIFICATE-----\n";

/** What the API claims as `expires_on`: absolute, or relative to now. */
export type ApiExpiryClaim = string | Date | { daysLeft: number };

export interface CertSpec {
  /** Name associations refer to this certificate by; defaults to `cn`. */
  key?: string;
  /** Fixed API id; a random UUID when absent. */
  id?: string;
  cn: string;
  /** notAfter = now + daysLeft; negative means already expired. */
  daysLeft: number;
  /** notBefore = now - daysOld; default 90 (pulled earlier if the certificate would end before it starts). */
  daysOld?: number;
  /** The status the API reports; default "active". */
  status?: string;
  /** What the API claims as `expires_on`; default the PEM's own notAfter. */
  apiExpiresOn?: ApiExpiryClaim;
  keyAlgorithm?: KeyAlgorithm;
  sans?: string[];
  /** Serve leaf + intermediate, the intermediate expiring on its own date (hostname certificates only). */
  chain?: { intermediateDaysLeft: number };
  pem?: "garbage";
}

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;
const DEFAULT_DAYS_OLD = 90;
const CLIENT_CA_NAME = "certwatch Sim Client CA";
/** Issues the server certificates customers upload (custom hostnames, custom certificates). */
export const SERVER_CA_NAME = "certwatch Sim Customer CA";
const SHARED_SERVER_CERT_NAME = "certwatch Sim Shared Customer Certificate";

export function daysFrom(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

export function validityOf(daysLeft: number, daysOld: number | undefined, now: Date): { notBefore: Date; notAfter: Date } {
  const notAfter = daysFrom(now, daysLeft);
  let notBefore = daysFrom(now, -(daysOld ?? DEFAULT_DAYS_OLD));
  if (notBefore >= notAfter) notBefore = daysFrom(notAfter, -DEFAULT_DAYS_OLD);
  return { notBefore, notAfter };
}

/** Upload bookkeeping: shortly after the certificate starts, never in the future. */
export function uploadTimes(notBefore: Date, now: Date): { uploadedOn: Date; updatedAt: Date } {
  const cap = (ms: number) => new Date(Math.min(ms, now.getTime()));
  const uploadedOn = cap(notBefore.getTime() + 60 * MINUTE_MS);
  return { uploadedOn, updatedAt: cap(uploadedOn.getTime() + 5 * MINUTE_MS) };
}

export function apiExpiry(claim: ApiExpiryClaim | undefined, pemNotAfter: Date, now: Date): string {
  if (claim === undefined) return rfc3339Seconds(pemNotAfter.getTime());
  if (typeof claim === "string") return claim;
  return rfc3339Seconds((claim instanceof Date ? claim : daysFrom(now, claim.daysLeft)).getTime());
}

/** Cloudflare reports serial numbers of uploaded certificates in decimal. */
export function decimalSerial(serialHex: string): string {
  return BigInt(`0x${serialHex}`).toString(10);
}

export interface MintedForApi {
  certificate: string;
  issuer: string;
  signature: string;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
}

function pick(minted: MintedCertificate): Pick<MintedForApi, "serialHex" | "notBefore" | "notAfter"> {
  return { serialHex: minted.serialHex, notBefore: minted.notBefore, notAfter: minted.notAfter };
}

export async function mintForApi(spec: CertSpec, now: Date, issuer: MintedCertificate | undefined): Promise<MintedForApi> {
  const { notBefore, notAfter } = validityOf(spec.daysLeft, spec.daysOld, now);
  if (spec.pem === "garbage") {
    return {
      certificate: GARBAGE_PEM,
      issuer: issuer?.commonName ?? spec.cn,
      signature: issuer?.signature ?? "ECDSAWithSHA256",
      serialHex: randomBytes(16).toString("hex").replace(/^./, "4"),
      notBefore,
      notAfter,
    };
  }
  const leafSpec = { commonName: spec.cn, notBefore, notAfter, keyAlgorithm: spec.keyAlgorithm, sans: spec.sans };
  if (spec.chain) {
    const bundle = await mintChainBundle({
      leaf: leafSpec,
      intermediate: { notAfter: daysFrom(now, spec.chain.intermediateDaysLeft) },
      root: issuer,
    });
    const { leaf } = bundle;
    return { certificate: bundle.pem, issuer: leaf.issuerCommonName, signature: leaf.signature, ...pick(leaf) };
  }
  const minted = await mintCertificate({ ...leafSpec, isCA: issuer === undefined, issuer });
  return { certificate: minted.pem, issuer: minted.issuerCommonName, signature: minted.signature, ...pick(minted) };
}

/**
 * The CAs of one built state and the certificates minted from them. Client certificates (AOP)
 * come from one private client CA, as a company's would; uploaded server certificates from a
 * customer CA minted on first use. Minting costs ~15 ms a leaf, so bulk scenarios share one
 * server certificate per distinct daysLeft.
 */
export class ScenarioMinter {
  private serverCa: Promise<MintedCertificate> | undefined;
  private readonly sharedServerCertificates = new Map<number, Promise<MintedCertificate>>();

  private constructor(
    readonly now: Date,
    readonly clientCa: MintedCertificate,
  ) {}

  static async create(now: Date): Promise<ScenarioMinter> {
    const clientCa = await mintCertificate({
      commonName: CLIENT_CA_NAME,
      notBefore: daysFrom(now, -365),
      notAfter: daysFrom(now, 3650),
      isCA: true,
    });
    return new ScenarioMinter(now, clientCa);
  }

  /** A server certificate for `sans`, issued by the customer CA, ending daysLeft from now. */
  async serverCertificate(commonName: string, sans: string[], daysLeft: number): Promise<MintedCertificate> {
    this.serverCa ??= mintCertificate({
      commonName: SERVER_CA_NAME,
      notBefore: daysFrom(this.now, -730),
      notAfter: daysFrom(this.now, 3650),
      isCA: true,
    });
    const { notBefore, notAfter } = validityOf(daysLeft, undefined, this.now);
    return mintCertificate({ commonName, sans, notBefore, notAfter, issuer: await this.serverCa });
  }

  /** One certificate per distinct daysLeft for the whole state; it names no particular host. */
  sharedServerCertificate(daysLeft: number): Promise<MintedCertificate> {
    let pending = this.sharedServerCertificates.get(daysLeft);
    if (!pending) {
      pending = this.serverCertificate(SHARED_SERVER_CERT_NAME, [], daysLeft);
      this.sharedServerCertificates.set(daysLeft, pending);
    }
    return pending;
  }
}
