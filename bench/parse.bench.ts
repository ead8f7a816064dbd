// Prints how many certificates per second parsePem handles, cold and through the PemCache
// (a cycle where nothing changed). Run: npm run bench
import { parsePem } from "../src/pem/parse-pem.js";
import { PemCache } from "../src/pem/pem-cache.js";
import { mintCertificate } from "../src/simulator/mint.js";

const COUNT = Number(process.env.BENCH_COUNT ?? 5000);
const ROUNDS = 5;
const DAY = 86_400_000;

const distinct = await Promise.all(
  Array.from({ length: 50 }, (_, i) =>
    mintCertificate({ commonName: `bench-${i}.example.com`, notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + 90 * DAY), sans: [`bench-${i}.example.com`] }),
  ),
);
// Distinct texts, so the cold rounds never hit an identical string.
const pems = Array.from({ length: COUNT }, (_, i) => distinct[i % distinct.length]!.pem + " ".repeat(Math.floor(i / distinct.length)));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function rate(run: () => void): number {
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const t0 = process.hrtime.bigint();
    run();
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    rates.push(COUNT / seconds);
  }
  return median(rates);
}

const cold = rate(() => {
  for (const pem of pems) if (!parsePem(pem).ok) throw new Error("bench PEM did not parse");
});
const cache = new PemCache();
for (const pem of pems) cache.parse(pem);
const warm = rate(() => {
  for (const pem of pems) cache.parse(pem);
});

console.log(`parsePem, cold:        ${Math.round(cold)} certificates/s (median of ${ROUNDS} rounds of ${COUNT})`);
console.log(`PemCache, unchanged:   ${Math.round(warm)} certificates/s (median of ${ROUNDS} rounds of ${COUNT})`);
