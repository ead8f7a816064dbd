// The status page at account scale: 200 certificates a page in time-left order across pages,
// links that keep the filters, counts over everything, a bounded source-health table, and the
// ranking reused between requests while nothing changed.
import { describe, expect, it } from "vitest";
import type { Alert } from "../../src/alerts/alert.js";
import { alertFor, type RuleSettings } from "../../src/alerts/rule-inputs.js";
import type { CertificateRecord, SourceName } from "../../src/model/index.js";
import type { SourceHealth } from "../../src/inventory/inventory.js";
import { HEALTH_ROWS_IN_FULL } from "../../src/server/status-page-health-listing.js";
import { PAGE_SIZE, parseStatusPageFilter, renderStatusPage, statusPageModel, StatusPageRowCache } from "../../src/server/status-page.js";
import { DAY, health, NOW, record } from "../helpers/records.js";

const THRESHOLDS = { warning_days: 30, critical_days: 7 };
const SETTINGS: RuleSettings = { pendingGraceMs: 3_600_000, sourceDownAfterMs: 1_800_000, runbookUrl: "https://example.test/runbook" };
const SOURCES: SourceName[] = ["aop_hostname_cert", "custom_hostname", "custom_certificate", "certificate_pack", "trust_store", "aop_zone_cert", "aop_hostname"];

interface Account {
  records: CertificateRecord[];
  firing: Alert[];
  health: SourceHealth[];
}

/** `zones` zones of `perZone` certificates each; days left spread over -5..114, an alert under 30. */
function account(zones: number, perZone: number): Account {
  const built: Account = { records: [], firing: [], health: [] };
  for (let z = 0; z < zones; z += 1) {
    const zoneId = z.toString(16).padStart(32, "0");
    const zoneName = `zone-${String(z).padStart(4, "0")}.test`;
    for (const source of SOURCES) built.health.push(health({ zoneId, zoneName, source }));
    for (let i = 0; i < perZone; i += 1) {
      const n = z * perZone + i;
      const days = ((n * 37) % 120) - 5;
      const r = record({ zoneId, zoneName, source: SOURCES[i % 6]!, certId: `cert-${n}`, hostname: `host-${n}.${zoneName}`, notAfter: NOW + days * DAY + n });
      built.records.push(r);
      if (days < 30) built.firing.push(alertFor(r, "CertificateExpiringSoon", days < 7 ? "critical" : "warning", SETTINGS, { summary: `cert-${n} expires`, description: "", expires_at: "" }));
    }
  }
  return built;
}

function page(input: Account, query = "", rowCache?: StatusPageRowCache): string {
  const model = statusPageModel({ version: "9.9.9", lastCycleAt: NOW, ...input, thresholdsFor: () => THRESHOLDS, ...(rowCache ? { rowCache } : {}) });
  return renderStatusPage(model, NOW, parseStatusPageFilter(new URLSearchParams(query)));
}

/** Each certificate row's name cell and days left, top to bottom. */
function shown(html: string): Array<{ name: string; daysLeft: number; state: string }> {
  return [...html.matchAll(/<tr class="state-(\w+)"[^>]*>.*?<td class="name">([^<]*).*?<td class="num days-left"[^>]*>([^<]*)<\/td>/g)].map((m) => ({
    state: m[1]!,
    name: m[2]!,
    daysLeft: Number(m[3]),
  }));
}

function pagerLinks(html: string): Record<string, string> {
  const nav = /<nav class="pager"[^>]*>(.*?)<\/nav>/.exec(html)?.[1] ?? "";
  return Object.fromEntries([...nav.matchAll(/<a href="([^"]*)" rel="(\w+)">/g)].map((m) => [m[2]!, m[1]!.replaceAll("&amp;", "&")]));
}

describe("status page paging", () => {
  const big = account(9, 50); // 450 certificates: pages of 200, 200 and 50

  it("shows 200 rows a page, the time-left order running on across pages", () => {
    const pages = [1, 2, 3].map((n) => shown(page(big, `page=${n}`)));
    expect(pages.map((p) => p.length)).toEqual([PAGE_SIZE, PAGE_SIZE, 50]);
    const days = pages.flat().map((r) => r.daysLeft);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    expect(new Set(pages.flat().map((r) => r.name)).size).toBe(450);
  });

  it("says which rows it shows, and page 1 is the page without a number", () => {
    expect(page(big, "page=2")).toContain("<caption>Certificates 201–400 of 450, soonest expiry first</caption>");
    expect(page(big)).toBe(page(big, "page=1"));
    expect(page(big, "page=1")).toContain(`<span class="pager-at">Page 1 of 3</span>`);
  });

  it("shows the last page for a page past the end, and page 1 for anything not a page number", () => {
    expect(page(big, "page=99")).toBe(page(big, "page=3"));
    for (const bad of ["0", "-2", "abc", "1.5", "", "99999999999999999999"]) expect(page(big, `page=${bad}`)).toBe(page(big, "page=1"));
  });

  it("links first, previous, next and last, keeping the filters; the ends are not links", () => {
    const query = "zone=zone-0003.test&source=custom_hostname&state=ok";
    expect(pagerLinks(page(big, "page=2"))).toEqual({ first: "/", prev: "/", next: "/?page=3", last: "/?page=3" });
    expect(pagerLinks(page(big, "page=1"))).toEqual({ next: "/?page=2", last: "/?page=3" });
    expect(page(big, "page=1")).toContain(`<span class="pager-off" aria-disabled="true">‹ Previous</span>`);
    const filtered = account(1, 1300);
    const links = pagerLinks(page(filtered, `zone=zone-0000.test&state=ok&page=2`));
    expect(links).toEqual({ first: "/?zone=zone-0000.test&state=ok", prev: "/?zone=zone-0000.test&state=ok", next: "/?zone=zone-0000.test&state=ok&page=3", last: expect.stringMatching(/^\/\?zone=zone-0000\.test&state=ok&page=\d+$/) });
    expect(pagerLinks(page(big, query))).toEqual({});
  });

  it("filters before paging: every row of every page matches, and the caption counts the matches", () => {
    const html = page(account(1, 1300), "state=ok&page=2");
    expect(shown(html).every((r) => r.state === "ok")).toBe(true);
    expect(html).toMatch(/<caption>Showing 201–400 of \d+ certificates \(filtered from 1300\), soonest expiry first<\/caption>/);
  });

  it("counts every certificate per state in the header on every page", () => {
    const counts = (html: string) => [...html.matchAll(/<strong>(\d+)<\/strong> (\w+)<\/a>/g)].map((m) => `${m[2]}=${m[1]}`).join(" ");
    const first = counts(page(big));
    expect(first).toMatch(/^critical=\d+ warning=\d+ unknown=0 ok=\d+ total=450$/);
    expect(counts(page(big, "page=3"))).toBe(first);
    expect(counts(page(big, "state=critical&page=2"))).toBe(first);
  });

  it("escapes filter values in the page links", () => {
    const html = page(account(1, 450), `zone=${encodeURIComponent(`"><script>x</script>`)}`);
    expect(html).not.toContain("<script>");
    const hostile = account(1, 450);
    hostile.records = hostile.records.map((r) => ({ ...r, zoneName: `a"b<c>` }));
    const filteredHostile = page(hostile, `zone=${encodeURIComponent(`a"b<c>`)}&page=2`);
    expect(filteredHostile).toContain(`href="/?zone=a%22b%3Cc%3E&amp;page=3"`);
  });

  it("says the first sweep is still running while it shows the zones read so far", () => {
    const model = statusPageModel({ version: "9.9.9", lastCycleAt: null, ...account(1, 3), thresholdsFor: () => THRESHOLDS });
    expect(renderStatusPage(model, NOW)).toContain("First sweep still running: below are the zones read so far.");
  });

  it("gives the threshold bands once on the column, and on a row only where its zone has its own", () => {
    const input = account(2, 5);
    const model = statusPageModel({ version: "9.9.9", lastCycleAt: NOW, ...input, thresholdsFor: (zoneId) => (zoneId === input.records[0]!.zoneId ? { warning_days: 45, critical_days: 10 } : THRESHOLDS) });
    const html = renderStatusPage(model, NOW);
    expect(html).toContain(`<th scope="col" title="warning under 45 days, critical under 10 days">Days left</th>`);
    expect(html.match(/<td class="num days-left" title="warning under 30 days, critical under 7 days">/g)).toHaveLength(5);
    expect(html).not.toContain(`<td class="num days-left" title="warning under 45`);
  });

  it("has no pager when everything fits on one page", () => {
    expect(page(account(2, 10))).not.toContain(`class="pager"`);
  });
});

describe("status page at 10,000 certificates in 1,000 zones", () => {
  const large = account(1000, 10);

  it("keeps a page under 200 KB, the zone list included", () => {
    const html = page(large);
    expect(shown(html)).toHaveLength(PAGE_SIZE);
    expect(Buffer.byteLength(html)).toBeLessThan(200 * 1024);
    expect(html).toContain("<option>zone-0999.test</option>");
  });

  it("lists only the sources that need a look once there are more than it lists in full, and counts the rest", () => {
    const troubled = large.health.map((h, i) => (i % 1000 === 3 ? { ...h, up: false, failingSince: NOW - DAY, lastError: { reason: "timeout" as const, message: "no answer" } } : h));
    const html = page({ ...large, health: troubled });
    const listed = [...html.matchAll(/data-health="(\w+)"/g)].map((m) => m[1]);
    expect(listed).toEqual(["down", "down", "down", "down", "down", "down", "down"]);
    expect(html).toContain(`Not listed: ${7000 - 7} up with no alert. Choose a zone above to see all of its sources.`);
    const oneZone = page({ ...large, health: troubled }, "zone=zone-0000.test");
    expect([...oneZone.matchAll(/data-health="(\w+)"/g)]).toHaveLength(SOURCES.length);
    expect(HEALTH_ROWS_IN_FULL).toBeGreaterThanOrEqual(SOURCES.length);
  });
});

describe("status page ranking cache", () => {
  it("ranks once while the records and alerts are the same objects, and again when one changes", () => {
    const cache = new StatusPageRowCache();
    const { records, firing } = account(3, 20);
    const first = cache.rank([...records], [...firing]);
    expect(cache.rank([...records], [...firing])).toBe(first);
    const replaced = [...records];
    replaced[5] = { ...records[5]!, parsed: { ...records[5]!.parsed!, notAfter: NOW - 100 * DAY } };
    const next = cache.rank(replaced, firing);
    expect(next).not.toBe(first);
    expect(next.rows[0]?.record).toBe(replaced[5]);
    expect(cache.rank(replaced, firing.slice(1))).not.toBe(next);
  });

  it("renders the same page with and without the cache", () => {
    const input = account(4, 60);
    const cache = new StatusPageRowCache();
    for (const query of ["", "page=2", "state=warning", "zone=zone-0002.test&page=1"]) {
      page(input, query, cache);
      expect(page(input, query, cache)).toBe(page(input, query));
    }
  });
});
