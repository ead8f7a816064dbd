// How the fuzzer breaks valid PEMs. Each mutation takes the text so far and returns a new one;
// an item applies one to three of them in a row to a corpus PEM.
import type { FuzzCorpus } from "./corpus.js";
import { armor, encodeLength, firstDer, indefiniteSequences, lengthFields, nestedSequences } from "./der.js";
import type { Prng } from "./prng.js";

type Mutation = (rng: Prng, text: string, corpus: FuzzCorpus) => string;

const BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
const BEGIN = "-----BEGIN CERTIFICATE-----";
const END = "-----END CERTIFICATE-----";
const ONE_MIB = 1024 * 1024;
const OTHER_LABELS = ["CERTIFICATE REQUEST", "PRIVATE KEY", "X509 CRL", "TRUSTED CERTIFICATE", "PUBLIC KEY", "certificate", ""];
const ODD_CHARACTERS = ["\u0000", "\u001b", "\u00ff", "\u00e9", "\ufffd", "\ud800", "\udfff", "\u2028", "\u00a0", "\ufeff", "😀", "-----", "=", "\\"];

function replaceAt(text: string, index: number, insert: string, remove = 0): string {
  return text.slice(0, index) + insert + text.slice(index + remove);
}

function lines(text: string): string[] {
  return text.split("\n");
}

/** Rewrites the first DER of the text; when the text holds none, leaves it alone. */
function onDer(text: string, change: (der: Buffer) => Uint8Array): string {
  const der = firstDer(text);
  if (!der || der.length === 0) return text;
  return armor(change(der)) + text.slice(text.indexOf(END) + END.length).replace(/^\n/, "");
}

const MUTATIONS: Array<[name: string, weight: number, mutate: Mutation]> = [
  ["base64 character swap", 6, (rng, text) => {
    let out = text;
    for (let n = rng.between(1, 8); n > 0; n -= 1) out = replaceAt(out, rng.int(out.length), rng.pick([...BASE64_ALPHABET]), 1);
    return out;
  }],
  ["DER bit flips", 8, (rng, text) => onDer(text, (der) => {
    for (let n = rng.between(1, 6); n > 0; n -= 1) {
      const at = rng.int(der.length);
      der[at] = der[at]! ^ (1 << rng.int(8));
    }
    return der;
  })],
  ["DER huge length", 8, (rng, text) => onDer(text, (der) => {
    const fields = lengthFields(der);
    if (fields.length === 0) return der;
    const field = rng.pick(fields);
    const length = rng.pick([
      [0x80], // indefinite
      [0x84, 0xff, 0xff, 0xff, 0xff],
      [0x84, 0x7f, 0xff, 0xff, 0xff],
      [0x88, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
      [0xff],
      encodeLength(rng.int(1 << 24)),
      encodeLength(der.length),
    ]);
    return Buffer.concat([der.subarray(0, field.offset), Buffer.from(length), der.subarray(field.offset + field.size)]);
  })],
  ["DER truncated", 4, (rng, text) => onDer(text, (der) => der.subarray(0, rng.int(der.length)))],
  ["DER time digits", 5, (rng, text) => onDer(text, (der) => {
    const latin1 = der.toString("latin1");
    const times = [...latin1.matchAll(/\d{12}(\d\d)?Z/g)];
    if (times.length === 0) return der;
    const time = rng.pick(times);
    const digit = time.index + rng.int(time[0].length - 1);
    der[digit] = rng.chance(0.8) ? 0x30 + rng.int(10) : rng.int(256);
    return der;
  })],
  ["text truncated", 4, (rng, text) => text.slice(0, rng.int(text.length + 1))],
  ["line duplicated", 3, (rng, text) => {
    const all = lines(text);
    const at = rng.int(all.length);
    all.splice(at, 0, ...Array.from({ length: rng.between(1, 3) }, () => all[at]!));
    return all.join("\n");
  }],
  ["line removed", 3, (rng, text) => {
    const all = lines(text);
    all.splice(rng.int(all.length), 1);
    return all.join("\n");
  }],
  ["lines swapped", 2, (rng, text) => {
    const all = lines(text);
    const a = rng.int(all.length);
    const b = rng.int(all.length);
    [all[a], all[b]] = [all[b]!, all[a]!];
    return all.join("\n");
  }],
  ["header and footer swapped", 2, (_rng, text) => text.replaceAll(BEGIN, "\u0001").replaceAll(END, BEGIN).replaceAll("\u0001", END)],
  ["garbage inserted", 4, (rng, text) => replaceAt(text, rng.int(text.length + 1), String.fromCharCode(...rng.bytes(rng.between(1, 64))))],
  ["odd characters inserted", 4, (rng, text) => {
    let out = text;
    for (let n = rng.between(1, 4); n > 0; n -= 1) out = replaceAt(out, rng.int(out.length + 1), rng.pick(ODD_CHARACTERS));
    return out;
  }],
  ["whitespace noise", 3, (rng, text) =>
    lines(text).map((l) => (rng.chance(0.3) ? rng.pick([" ", "\t", "  ", "\r"]) : "") + l + (rng.chance(0.3) ? rng.pick([" ", "\t", "\r", " \r"]) : "")).join(rng.chance(0.5) ? "\n" : "\r\n")],
  ["label changed", 2, (rng, text) => {
    const label = rng.pick(OTHER_LABELS);
    return text.replace(BEGIN, `-----BEGIN ${label}-----`).replace(END, `-----END ${label}-----`);
  }],
  ["foreign DER in a CERTIFICATE block", 3, (rng, _text, corpus) => {
    const privateKeyShaped = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), rng.bytes(32)]);
    const csr = firstDer(corpus.certificateRequest) ?? Buffer.alloc(0);
    return armor(rng.pick([csr, privateKeyShaped, Buffer.from(rng.bytes(rng.between(1, 600)))]));
  }],
  ["bare DER, no armor", 1, (rng, text) => {
    const der = firstDer(text) ?? Buffer.alloc(0);
    return rng.chance(0.5) ? der.toString("latin1") : der.toString("base64");
  }],
  ["empty block", 2, (rng, text) => {
    const empty = rng.pick([`${BEGIN}\n${END}\n`, `${BEGIN}${END}`, `${BEGIN}\n====\n${END}\n`, `${BEGIN}\n \t\r\n${END}\n`]);
    return rng.chance(0.5) ? empty + text : text + empty;
  }],
  ["bundle of corpus PEMs", 3, (rng, _text, corpus) => {
    const parts = Array.from({ length: rng.between(2, 70) }, () => rng.pick(corpus.certificates));
    return parts.join(rng.pick(["", "\n", "junk between\n", "\r\n\r\n"]));
  }],
  ["BEGIN lines without END", 1, (rng, text) => `${BEGIN}\n`.repeat(rng.between(1, 30_000)) + text],
  ["deeply nested DER", 1, (rng) => armor(rng.chance(0.5) ? nestedSequences(rng.between(100, 20_000)) : indefiniteSequences(rng.between(100, 20_000)))],
  ["over 1 MiB", 1, (rng, text) => text + rng.pick([" ", "A", "é", "\n"]).repeat(Math.max(1, ONE_MIB + rng.int(1024) - text.length + 1))],
  ["block inside a block", 1, (rng, text, corpus) => {
    const at = text.indexOf("\n", text.indexOf(BEGIN)) + 1;
    return replaceAt(text, at, rng.pick(corpus.certificates));
  }],
];

const TOTAL_WEIGHT = MUTATIONS.reduce((sum, [, weight]) => sum + weight, 0);

function pickMutation(rng: Prng): [string, Mutation] {
  let roll = rng.int(TOTAL_WEIGHT);
  for (const [name, weight, mutate] of MUTATIONS) {
    if (roll < weight) return [name, mutate];
    roll -= weight;
  }
  throw new Error("unreachable: weights cover the roll");
}

export interface FuzzItem {
  text: string;
  /** The mutations applied, in order, for the report of a failing item. */
  mutations: string[];
}

/** Item `rng` stands for: a corpus PEM put through one to three mutations. */
export function makeItem(rng: Prng, corpus: FuzzCorpus): FuzzItem {
  let text = rng.pick(corpus.certificates);
  const mutations: string[] = [];
  for (let n = rng.between(1, 3); n > 0; n -= 1) {
    const [name, mutate] = pickMutation(rng);
    text = mutate(rng, text, corpus);
    mutations.push(name);
  }
  return { text, mutations };
}
