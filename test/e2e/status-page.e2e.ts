// The status page in a real browser: the demo (simulator + daemon) as a child process, driven
// with Debian's Chromium through playwright-core. Needs /usr/bin/chromium (apt-get install
// chromium) and 127.0.0.1:9798 free (or another address in CERTWATCH_DEMO_LISTEN, which the demo
// honours too). Leaves artifacts/status-page.png (and, with UPDATE_README_IMAGES=1, docs/images/status-page.png).
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Registry } from "prom-client";
import { createLogger } from "../../src/log/logger.js";
import { startHttpServer, type RunningHttpServer } from "../../src/server/http-server.js";
import { statusPageModel } from "../../src/server/status-page.js";
import { LogCapture } from "../helpers/harness.js";
import { DAY, health, NOW, record } from "../helpers/records.js";
import { waitFor } from "../helpers/spawn-daemon.js";
import { assertPortFree } from "../helpers/free-port.js";

const CHROMIUM = process.env.CHROMIUM_BIN ?? "/usr/bin/chromium";
const LISTEN = process.env.CERTWATCH_DEMO_LISTEN ?? "127.0.0.1:9798"; // the demo's default
const HOST = LISTEN.slice(0, LISTEN.lastIndexOf(":"));
const PORT = Number(LISTEN.slice(LISTEN.lastIndexOf(":") + 1));
const BASE = `http://${HOST}:${PORT}`;
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DEMO = fileURLToPath(new URL("../../dev/demo/main.ts", import.meta.url));
const SCREENSHOT = `${ROOT}artifacts/status-page.png`;
const README_IMAGE = `${ROOT}docs/images/status-page.png`;

let demo: ChildProcess | undefined;
let demoOutput = "";
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (or set CHROMIUM_BIN)`);
  await assertPortFree(HOST, PORT);
  const env = { ...process.env, CERTWATCH_DEMO_LISTEN: LISTEN, NO_COLOR: "1" };
  demo = spawn(process.execPath, ["--import", "tsx", DEMO], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env });
  demo.stdout!.on("data", (chunk: Buffer) => (demoOutput += chunk.toString()));
  demo.stderr!.on("data", (chunk: Buffer) => (demoOutput += chunk.toString()));
  const exited = once(demo, "exit");
  const ready = waitFor(async () => (await request(`${BASE}/readyz`)).statusCode === 200, 45_000, `the demo's ${BASE}/readyz`);
  const outcome = await Promise.race([ready.then(() => "ready" as const), exited.then(() => "exited" as const)]);
  if (outcome === "exited") throw new Error(`the demo exited before it was ready:\n${demoOutput.slice(-3000)}`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // launch() gives every run a fresh, temporary user-data dir.
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
});

afterAll(async () => {
  await browser?.close();
  if (demo && demo.exitCode === null && demo.signalCode === null) {
    const exited = once(demo, "exit");
    demo.kill("SIGTERM");
    const timer = setTimeout(() => demo?.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  }
});

interface Watched {
  context: BrowserContext;
  page: Page;
  /** Console errors/warnings, page errors and CSP violations seen so far. */
  problems: string[];
}

async function open(options: { javaScriptEnabled?: boolean } = {}): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: "light", ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ""}`));
  if (options.javaScriptEnabled !== false) {
    // Injected by the browser tooling (not subject to the page's CSP): reports any violation.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`));
    });
  }
  return { context, page, problems };
}

async function certificateRows(page: Page): Promise<Array<{ state: string; zone: string; daysLeft: string }>> {
  return page.locator("#certificates tbody tr[data-state]").evaluateAll((rows) =>
    rows.map((row) => ({
      state: row.getAttribute("data-state") ?? "",
      zone: row.querySelector("td")?.textContent ?? "",
      daysLeft: row.querySelector("td.days-left")?.textContent ?? "",
    })),
  );
}

describe("status page in Chromium", () => {
  it("loads cleanly under its CSP, soonest expiry first, and is screenshotted", async () => {
    const { context, page, problems } = await open();
    const response = await page.goto(`${BASE}/`, { waitUntil: "load" });
    expect(response?.status()).toBe(200);
    const headers = response!.headers();
    expect(headers["content-security-policy"]).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; script-src 'none'; img-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'$/);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["cache-control"]).toBe("no-store");

    await expect(page.title()).resolves.toMatch(/^certwatch: \d+ critical/);
    await expect(page.locator("header h1").textContent()).resolves.toContain("certwatch");
    await expect(page.locator("header .cycle").textContent()).resolves.toMatch(/^Last cycle: \d{4}-\d\d-\d\d \d\d:\d\d UTC/);

    const rows = await certificateRows(page);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows[0]?.state).toBe("critical");
    const days = rows.map((r) => r.daysLeft).filter((d) => d !== "-").map(Number);
    expect(days.length).toBeGreaterThan(0);
    expect(days[0]).toBeLessThan(0); // something in the demo has already expired
    expect(days).toEqual([...days].sort((a, b) => a - b));
    // Undated rows only at the end.
    const firstUndated = rows.findIndex((r) => r.daysLeft === "-");
    if (firstUndated >= 0) expect(rows.slice(firstUndated).every((r) => r.daysLeft === "-")).toBe(true);

    // The hashed inline style applied: a critical row is tinted red, with the state also as text.
    const firstRow = page.locator("#certificates tbody tr").first();
    await expect(firstRow.evaluate((row) => getComputedStyle(row).backgroundColor)).resolves.toBe("rgb(253, 236, 234)");
    await expect(firstRow.locator("td.state").textContent()).resolves.toBe("critical");

    // Source health: example.net is no Cloudflare for SaaS customer, so one of its sources is unavailable.
    const sourceStates = await page.locator("#sources tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-health")));
    expect(sourceStates.length).toBeGreaterThan(3);
    expect(sourceStates).toContain("up");
    expect(sourceStates).toContain("unavailable");

    mkdirSync(`${ROOT}artifacts`, { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    // The README's picture changes only when asked for, so a test run leaves the tree clean.
    if (process.env.UPDATE_README_IMAGES === "1") copyFileSync(SCREENSHOT, README_IMAGE);

    const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("filters by state with the form, and the URL carries the query", async () => {
    const { context, page, problems } = await open();
    await page.goto(`${BASE}/`);
    await page.selectOption("select[name=state]", "warning");
    await Promise.all([page.waitForURL(/[?&]state=warning(&|$)/), page.click("form.filters button[type=submit]")]);
    expect(new URL(page.url()).searchParams.get("state")).toBe("warning");
    const rows = await certificateRows(page);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.state === "warning")).toBe(true);
    await expect(page.locator("select[name=state]").inputValue()).resolves.toBe("warning");
    await expect(page.locator("#certificates caption").textContent()).resolves.toMatch(/^Showing \d+ of \d+ certificates \(filtered\)/);
    const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("works with JavaScript disabled: the table shows and the filter form submits", async () => {
    const { context, page, problems } = await open({ javaScriptEnabled: false });
    await page.goto(`${BASE}/`);
    expect((await certificateRows(page)).length).toBeGreaterThan(10);
    await expect(page.locator("#sources tbody tr").count()).resolves.toBeGreaterThan(3);
    await page.selectOption("select[name=zone]", "example.net");
    await Promise.all([page.waitForURL(/[?&]zone=example\.net(&|$)/), page.click("form.filters button[type=submit]")]);
    const rows = await certificateRows(page);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.zone === "example.net")).toBe(true);
    await expect(page.locator("#sources tbody tr td:first-child").allTextContents()).resolves.toEqual(
      expect.arrayContaining(["example.net"]),
    );
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe("status page paging in Chromium", () => {
  // The demo holds a few dozen certificates: a page of its own with 450 (three pages) in two zones.
  let server: RunningHttpServer | undefined;
  const records = Array.from({ length: 450 }, (_, n) =>
    record({ certId: `cert-${n}`, hostname: `host-${n}.test`, zoneName: n % 2 ? "odd.test" : "even.test", zoneId: (n % 2 ? "1" : "2").repeat(32), notAfter: NOW + ((n * 37) % 120) * DAY }),
  );

  beforeAll(async () => {
    server = await startHttpServer({
      host: "127.0.0.1",
      port: 0,
      registry: new Registry(),
      isReady: () => true,
      statusPage: () =>
        statusPageModel({ version: "e2e", lastCycleAt: NOW, records, health: [health()], firing: [], thresholdsFor: () => ({ warning_days: 30, critical_days: 7 }) }),
      now: () => NOW,
      reload: async () => ({ ok: true, zonesAdded: [], zonesRemoved: [], needsRestart: [] }),
      logger: createLogger({ level: "silent", format: "json", secrets: [], destination: new LogCapture() }),
    });
  });

  afterAll(async () => {
    await server?.close();
  });

  it("pages through with JavaScript disabled, keeping the filter and the time-left order", async () => {
    const { context, page, problems } = await open({ javaScriptEnabled: false });
    await page.goto(`${server!.url}/`);
    await page.selectOption("select[name=zone]", "odd.test");
    await Promise.all([page.waitForURL(/[?&]zone=odd\.test(&|$)/), page.click("form.filters button[type=submit]")]);
    const first = await certificateRows(page);
    expect(first).toHaveLength(200);
    await Promise.all([page.waitForURL(/[?&]page=2(&|$)/), page.locator("nav.pager").first().getByRole("link", { name: "Next ›" }).click()]);
    expect(new URL(page.url()).searchParams.get("zone")).toBe("odd.test");
    const second = await certificateRows(page);
    expect(second).toHaveLength(25);
    expect(second.every((r) => r.zone === "odd.test")).toBe(true);
    const days = [...first, ...second].map((r) => Number(r.daysLeft));
    expect(days).toEqual([...days].sort((a, b) => a - b));
    await expect(page.locator("nav.pager .pager-at").first().textContent()).resolves.toBe("Page 2 of 2");
    await expect(page.locator("select[name=zone]").inputValue()).resolves.toBe("odd.test");
    expect(problems).toEqual([]);
    await context.close();
  });
});
