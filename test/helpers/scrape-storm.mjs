// Worker thread: sends `count` concurrent GETs to `url`, and once all of them are on the wire
// one GET to `probeUrl`, from an event loop of its own so that the load generator does not
// compete with the server under test for the test's event loop. Posts one message:
// { results: [{ status, bytes, endedAt, error? }], probe: { status, sentAt, endedAt } }.
import http from "node:http";
import { parentPort, workerData } from "node:worker_threads";

const { url, probeUrl, count, holdMs = 0 } = workerData;
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
let sent = 0;
let probe;

function get(target, onSent, hold = 0) {
  return new Promise((resolve) => {
    const req = http.get(target, { agent, timeout: 300_000 }, (res) => {
      let bytes = 0;
      res.on("data", (chunk) => (bytes += chunk.length));
      res.on("end", () => resolve({ status: res.statusCode, bytes, endedAt: Date.now() }));
      res.on("error", (error) => resolve({ status: 0, bytes, endedAt: Date.now(), error: String(error) }));
      if (hold > 0) {
        res.pause();
        setTimeout(() => res.resume(), hold);
      }
    });
    req.on("finish", () => onSent?.());
    req.on("error", (error) => resolve({ status: 0, bytes: 0, endedAt: Date.now(), error: String(error) }));
  });
}

const scrapes = Array.from({ length: count }, () =>
  get(url, () => {
    if (++sent < count) return;
    const sentAt = Date.now();
    probe = get(probeUrl).then((r) => ({ ...r, sentAt }));
  }, holdMs),
);
const results = await Promise.all(scrapes);
parentPort.postMessage({ results, probe: await probe });
