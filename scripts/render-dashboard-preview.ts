// Renders a static preview of config/grafana/certwatch-dashboard.json for the README, without
// Grafana: every panel's queries are run against a live Prometheus, laid out on the dashboard's
// grid as plain HTML (stat values, tables, bar gauges, SVG line charts), and screenshotted with
// Debian's chromium through playwright-core. It is an approximation of what Grafana draws, and
// says so on the image.
//
//   node --import tsx scripts/render-dashboard-preview.ts http://127.0.0.1:9090 [--out docs/images/dashboard.png] [--html preview.html]
//
// Needs: a Prometheus scraping certwatch (job name irrelevant), /usr/bin/chromium (or
// CHROMIUM_BIN), and the playwright-core npm package. To reproduce docs/images/dashboard.png:
// start Prometheus scraping 127.0.0.1:9798 every few seconds, then `npm run demo`, wait a few
// minutes so the rate/increase panels have history, then run this script.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { substituteVariables } from "./grafana-template.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const DASHBOARD_PATH = join(ROOT, "config/grafana/certwatch-dashboard.json");
const CHROMIUM = process.env.CHROMIUM_BIN ?? "/usr/bin/chromium";
const LABEL = "Preview rendered from the dashboard's queries against Prometheus, not Grafana";


// --- the dashboard JSON (the parts this preview understands) --------------------------------

interface Threshold { color: string; value: number | null }
interface ValueMapping { type: string; options: Record<string, { text?: string; color?: string }> }
interface FieldProps {
  unit?: string;
  decimals?: number;
  min?: number;
  thresholds?: { steps: Threshold[] };
  color?: { mode: string; fixedColor?: string };
  mappings?: ValueMapping[];
  custom?: { cellOptions?: { type: string }; width?: number };
}
interface Override { matcher: { id: string; options: string }; properties: Array<{ id: string; value: unknown }> }
interface Target { refId: string; expr: string; legendFormat?: string; format?: string; instant?: boolean }
interface Transformation { id: string; options: Record<string, unknown> }
interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: Target[];
  transformations?: Transformation[];
  fieldConfig?: { defaults?: FieldProps; overrides?: Override[] };
  options?: { orientation?: string; textMode?: string };
}
interface Dashboard { title: string; panels: Panel[]; templating: { list: Array<{ name: string; label?: string; type: string }> } }

interface Series { labels: Record<string, string>; value: number }
interface RangeSeries { labels: Record<string, string>; points: Array<[number, number]> }

// --- Prometheus --------------------------------------------------------------------------------


async function prom<T>(base: string, path: string, params: Record<string, string>): Promise<T> {
  const res = await fetch(new URL(path, base), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(params),
  });
  const body = (await res.json()) as { status: string; error?: string; data: T };
  if (body.status !== "success") throw new Error(`Prometheus: ${body.error ?? res.status} for ${params.query}`);
  return body.data;
}

async function instant(base: string, expr: string): Promise<Series[]> {
  const data = await prom<{ result: Array<{ metric: Record<string, string>; value: [number, string] }> }>(base, "api/v1/query", { query: expr });
  return data.result.map((r) => ({ labels: r.metric, value: Number(r.value[1]) }));
}

async function range(base: string, expr: string, start: number, end: number, step: number): Promise<RangeSeries[]> {
  const data = await prom<{ result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> }>(base, "api/v1/query_range", {
    query: expr,
    start: String(start),
    end: String(end),
    step: String(step),
  });
  return data.result.map((r) => ({ labels: r.metric, points: r.values.map(([t, v]) => [t, Number(v)] as [number, number]) }));
}

// --- Grafana-ish formatting -------------------------------------------------------------------

const COLORS: Record<string, string> = {
  green: "#73bf69", red: "#f2495c", orange: "#ff9830", yellow: "#fade2a", blue: "#5794f2", purple: "#b877d9",
  text: "#ccccdc", transparent: "transparent",
};
const PALETTE = ["#73bf69", "#fade2a", "#5794f2", "#ff9830", "#f2495c", "#b877d9", "#8ab8ff", "#ffb357", "#ca95e5", "#96d98d"];
const color = (name: string | undefined) => (name ? (COLORS[name] ?? name) : COLORS.text!);

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function legend(format: string | undefined, labels: Record<string, string>): string {
  if (format && format !== "__auto") return format.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, l: string) => labels[l] ?? "");
  const { __name__: name, ...rest } = labels;
  const inner = Object.entries(rest).map(([k, v]) => `${k}="${v}"`).join(", ");
  return inner ? `${name ?? ""}{${inner}}` : (name ?? "value");
}

/** The field config for a column/series name: defaults, then every matching override in order. */
function fieldFor(panel: Panel, name: string): FieldProps {
  const field: FieldProps = structuredClone(panel.fieldConfig?.defaults ?? {});
  for (const o of panel.fieldConfig?.overrides ?? []) {
    const hit = o.matcher.id === "byName" ? o.matcher.options === name : o.matcher.id === "byRegexp" ? new RegExp(o.matcher.options).test(name) : false;
    if (!hit) continue;
    for (const { id, value } of o.properties) {
      if (id.startsWith("custom.")) field.custom = { ...field.custom, [id.slice("custom.".length)]: value };
      else (field as Record<string, unknown>)[id] = value;
    }
  }
  return field;
}

function thresholdColor(field: FieldProps, value: number): string {
  let out = "text";
  for (const step of field.thresholds?.steps ?? []) if (step.value === null || value >= step.value) out = step.color;
  return color(out);
}

function mapped(field: FieldProps, value: number): { text: string; color?: string } | null {
  for (const m of field.mappings ?? []) {
    const hit = m.type === "value" ? m.options[String(value)] : undefined;
    if (hit) return { text: hit.text ?? String(value), ...(hit.color ? { color: color(hit.color) } : {}) };
  }
  return null;
}

function formatValue(field: FieldProps, value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const fixed = (v: number, d = field.decimals) => (d === undefined ? String(Math.round(v * 100) / 100) : v.toFixed(d));
  switch (field.unit) {
    case "dateTimeAsIso":
      return new Date(value).toISOString().replace("T", " ").slice(0, 19);
    case "s": {
      const abs = Math.abs(value);
      if (abs < 60) return `${fixed(value, field.decimals ?? 0)} s`;
      if (abs < 3600) return `${fixed(value / 60, 1)} min`;
      if (abs < 86400) return `${fixed(value / 3600, 1)} hour`;
      return `${fixed(value / 86400, 1)} day`;
    }
    case "reqps":
      return `${fixed(value, field.decimals ?? 3)} req/s`;
    default:
      return fixed(value);
  }
}

function display(panel: Panel, name: string, value: number): { text: string; color: string; field: FieldProps } {
  const field = fieldFor(panel, name);
  const m = mapped(field, value);
  const c = m?.color ?? (field.color?.mode === "fixed" ? color(field.color.fixedColor) : thresholdColor(field, value));
  return { text: m?.text ?? formatValue(field, value), color: c, field };
}

// --- panels ------------------------------------------------------------------------------------

const CELL = 30;
const MARGIN = 8;
const WIDTH = 1600;
const COLUMN = (WIDTH - MARGIN) / 24;

interface Rendered { panel: Panel; body: string }

function renderStat(panel: Panel, results: Array<{ target: Target; series: Series[] }>, width: number, height: number): string {
  const items = results.flatMap(({ target, series }) => series.map((s) => ({ name: legend(target.legendFormat, s.labels), value: s.value })));
  if (items.length === 0) return `<div class="nodata">No data</div>`;
  const showName = panel.options?.textMode === "value_and_name" || (panel.options?.textMode !== "value" && items.length > 1);
  const row = width > height;
  const size = Math.min(height / (row ? 1 : items.length), (width / (row ? items.length : 1)) / 3.5) * (showName ? 0.42 : 0.6);
  return `<div class="stats" style="flex-direction:${row ? "row" : "column"}">${items
    .map(({ name, value }) => {
      const d = display(panel, name, value);
      return `<div class="stat" style="background:${d.color}">${showName ? `<div class="stat-name">${escape(name)}</div>` : ""}<div class="stat-value" style="font-size:${Math.max(16, size)}px">${escape(d.text)}</div></div>`;
    })
    .join("")}</div>`;
}

function renderBarGauge(panel: Panel, results: Array<{ target: Target; series: Series[] }>): string {
  const items = results.flatMap(({ target, series }) => series.map((s) => ({ name: legend(target.legendFormat, s.labels), value: s.value })));
  if (items.length === 0) return `<div class="nodata">No data</div>`;
  const max = Math.max(...items.map((i) => i.value), 1);
  return `<div class="bars">${items
    .map(({ name, value }) => {
      const d = display(panel, name, value);
      const pct = Math.max(0, Math.min(100, (value / max) * 100));
      return `<div class="bar-row"><div class="bar-name" title="${escape(name)}">${escape(name)}</div><div class="bar-track"><div class="bar-fill" style="width:${pct}%;background:${d.color}"></div></div><div class="bar-value" style="color:${d.color}">${escape(d.text)}</div></div>`;
    })
    .join("")}</div>`;
}

type Row = Record<string, string | number | undefined>;

/** Grafana's table pipeline for Prometheus table-format results: frames, merge, organize, sortBy. */
function tableRows(panel: Panel, results: Array<{ target: Target; series: Series[] }>): { columns: string[]; rows: Row[] } {
  const multi = results.length > 1;
  const valueName = (refId: string) => (multi ? `Value #${refId}` : "Value");
  const merged = new Map<string, Row>();
  const labelColumns = new Set<string>();
  for (const { target, series } of results) {
    for (const s of series) {
      const { __name__: _, ...labels } = s.labels;
      for (const k of Object.keys(labels)) labelColumns.add(k);
      const key = JSON.stringify(Object.entries(labels).sort());
      const row = merged.get(key) ?? { ...labels };
      row[valueName(target.refId)] = s.value;
      merged.set(key, row);
    }
  }
  let columns = [...labelColumns, ...results.map((r) => valueName(r.target.refId))];
  let rows = [...merged.values()];
  for (const t of panel.transformations ?? []) {
    if (t.id === "organize") {
      const exclude = (t.options.excludeByName ?? {}) as Record<string, boolean>;
      const index = (t.options.indexByName ?? {}) as Record<string, number>;
      const rename = (t.options.renameByName ?? {}) as Record<string, string>;
      columns = columns.filter((c) => !exclude[c]).sort((a, b) => (index[a] ?? 1000) - (index[b] ?? 1000));
      rows = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [rename[k] || k, v])));
      columns = columns.map((c) => rename[c] || c);
    } else if (t.id === "sortBy") {
      const sort = ((t.options.sort ?? []) as Array<{ field: string; desc?: boolean }>)[0];
      if (sort) {
        const dir = sort.desc ? -1 : 1;
        rows.sort((a, b) => {
          const x = a[sort.field];
          const y = b[sort.field];
          if (x === undefined) return 1;
          if (y === undefined) return -1;
          return (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y))) * dir;
        });
      }
    }
  }
  return { columns, rows };
}

function renderTable(panel: Panel, results: Array<{ target: Target; series: Series[] }>, height: number): string {
  const { columns, rows } = tableRows(panel, results);
  if (rows.length === 0) return `<div class="nodata">No data</div>`;
  // Header 26 px, rows 23 px; when they do not all fit, keep a line to say how many are hidden.
  const rowHeight = 23;
  const fitsAll = 26 + rows.length * rowHeight <= height;
  const shown = fitsAll ? rows : rows.slice(0, Math.max(1, Math.floor((height - 26 - 20) / rowHeight)));
  const head = columns.map((c) => {
    const w = fieldFor(panel, c).custom?.width;
    return `<th${w ? ` style="width:${w}px"` : ""}>${escape(c)}</th>`;
  });
  const body = shown.map(
    (r) =>
      `<tr>${columns
        .map((c) => {
          const v = r[c];
          if (typeof v !== "number") return `<td>${escape(v ?? "")}</td>`;
          const d = display(panel, c, v);
          const mode = d.field.custom?.cellOptions?.type;
          if (mode === "color-background") return `<td class="num" style="background:${d.color};color:#111">${escape(d.text)}</td>`;
          if (mode === "color-text") return `<td class="num" style="color:${d.color}">${escape(d.text)}</td>`;
          return `<td class="num">${escape(d.text)}</td>`;
        })
        .join("")}</tr>`,
  );
  const more = rows.length > shown.length ? `<div class="more">… ${rows.length - shown.length} more rows (Grafana scrolls)</div>` : "";
  return `<table><thead><tr>${head.join("")}</tr></thead><tbody>${body.join("")}</tbody></table>${more}`;
}

function renderTimeseries(panel: Panel, results: Array<{ target: Target; series: RangeSeries[] }>, width: number, height: number): string {
  const lines = results.flatMap(({ target, series }) => series.map((s) => ({ name: legend(target.legendFormat, s.labels), points: s.points })));
  if (lines.length === 0 || lines.every((l) => l.points.length === 0)) return `<div class="nodata">No data</div>`;
  const legendRows = Math.ceil(lines.length / 4);
  const w = width - 16;
  const h = height - 40 - legendRows * 18;
  const left = 64;
  const bottom = 20;
  const all = lines.flatMap((l) => l.points);
  const t0 = Math.min(...all.map((p) => p[0]));
  const t1 = Math.max(...all.map((p) => p[0]), t0 + 1);
  const field0 = fieldFor(panel, lines[0]!.name);
  // Y axis: 0 to a round maximum in about four round steps (whole steps for integer panels).
  const peak = Math.max(...all.map((p) => p[1]), 0);
  let step = niceStep(peak > 0 ? peak / 4 : 0.25);
  if (field0.decimals === 0) step = Math.max(1, Math.round(step));
  const vmax = Math.max(step, Math.ceil((peak * 1.05) / step) * step);
  const x = (t: number) => left + ((t - t0) / (t1 - t0)) * (w - left - 8);
  const y = (v: number) => 6 + (1 - v / vmax) * (h - bottom - 6);
  const tickValues = Array.from({ length: Math.round(vmax / step) + 1 }, (_, i) => i * step);
  const grid = tickValues
    .map((v) => `<line x1="${left}" x2="${w - 8}" y1="${y(v)}" y2="${y(v)}" class="grid"/><text x="${left - 6}" y="${y(v) + 4}" class="axis" text-anchor="end">${escape(formatValue({ ...field0, decimals: field0.decimals ?? decimalsFor(step) }, v))}</text>`)
    .join("");
  const clock = (t: number) => new Date(t * 1000).toISOString().slice(11, 16);
  const ticks = [0, 0.5, 1].map((f) => `<text x="${x(t0 + (t1 - t0) * f)}" y="${h - 4}" class="axis" text-anchor="${f === 0 ? "start" : f === 1 ? "end" : "middle"}">${clock(t0 + (t1 - t0) * f)} UTC</text>`).join("");
  const paths = lines
    .map((l, i) => {
      const f = fieldFor(panel, l.name);
      const c = f.color?.mode === "fixed" ? color(f.color.fixedColor) : PALETTE[i % PALETTE.length]!;
      const d = l.points.map(([t, v], j) => `${j === 0 ? "M" : "L"}${x(t).toFixed(1)},${y(v).toFixed(1)}`).join("");
      return { c, svg: `<path d="${d}" fill="none" stroke="${c}" stroke-width="1.5"/>`, name: l.name, last: l.points.at(-1)?.[1], field: f };
    });
  const legendHtml = paths
    .map((p) => `<span class="legend-item"><span class="swatch" style="background:${p.c}"></span>${escape(p.name)}${p.last !== undefined ? ` <span class="muted">${escape(formatValue(p.field, p.last))}</span>` : ""}</span>`)
    .join("");
  return `<svg width="${w}" height="${h}">${grid}${ticks}${paths.map((p) => p.svg).join("")}</svg><div class="legend">${legendHtml}</div>`;
}

/** 1, 2 or 5 times a power of ten, at least `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

const decimalsFor = (step: number) => Math.max(0, -Math.floor(Math.log10(step)));

async function renderPanel(base: string, panel: Panel, now: number): Promise<Rendered> {
  const width = panel.gridPos.w * COLUMN - MARGIN;
  const height = panel.gridPos.h * CELL + (panel.gridPos.h - 1) * MARGIN;
  const inner = height - 34;
  const targets = panel.targets ?? [];
  try {
    if (panel.type === "timeseries") {
      const start = now - 20 * 60;
      const results = await Promise.all(targets.map(async (target) => ({ target, series: await range(base, substituteVariables(target.expr), start, now, 10) })));
      return { panel, body: renderTimeseries(panel, results, width, inner) };
    }
    const results = await Promise.all(targets.map(async (target) => ({ target, series: await instant(base, substituteVariables(target.expr)) })));
    if (panel.type === "stat") return { panel, body: renderStat(panel, results, width - 16, inner - 8) };
    if (panel.type === "bargauge") return { panel, body: renderBarGauge(panel, results) };
    if (panel.type === "table") return { panel, body: renderTable(panel, results, inner) };
    return { panel, body: renderBarGauge(panel, results) };
  } catch (error) {
    return { panel, body: `<div class="nodata error">${escape(error instanceof Error ? error.message : String(error))}</div>` };
  }
}

function page(dashboard: Dashboard, rendered: Rendered[], now: number): string {
  const variables = dashboard.templating.list
    .map((v) => `<span class="var"><span class="var-label">${escape(v.label ?? v.name)}</span><span class="var-value">${v.type === "datasource" ? "Prometheus" : "All"}</span></span>`)
    .join("");
  const panels = rendered
    .map(({ panel, body }) => {
      const { x, y, w, h } = panel.gridPos;
      const style = `left:${x * COLUMN + MARGIN}px;top:${y * (CELL + MARGIN)}px;width:${w * COLUMN - MARGIN}px;height:${h * CELL + (h - 1) * MARGIN}px`;
      return `<section class="panel" style="${style}"><h2>${escape(panel.title)}</h2><div class="body">${body}</div></section>`;
    })
    .join("\n");
  const bottom = Math.max(...dashboard.panels.map((p) => (p.gridPos.y + p.gridPos.h) * (CELL + MARGIN)));
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escape(dashboard.title)} (preview)</title><style>
  * { box-sizing: border-box; }
  body { margin: 0; width: ${WIDTH}px; background: #111217; color: #ccccdc; font: 13px/1.4 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
  header { padding: 10px ${MARGIN}px 6px; display: flex; align-items: center; gap: 16px; flex-wrap: wrap; }
  header h1 { font-size: 18px; font-weight: 500; margin: 0; color: #fff; }
  .notice { margin: 0 ${MARGIN}px 8px; padding: 7px 12px; border: 1px dashed #ff9830; border-radius: 3px; background: #2a2118; color: #ffb357; font-weight: 600; font-size: 14px; }
  .var { display: inline-flex; border: 1px solid #2c3235; border-radius: 2px; font-size: 12px; }
  .var-label { background: #22252b; padding: 3px 8px; } .var-value { padding: 3px 8px; background: #111217; }
  .grid { position: relative; height: ${bottom}px; }
  .panel { position: absolute; background: #181b1f; border: 1px solid #2c3235; border-radius: 2px; overflow: hidden; }
  .panel h2 { font-size: 13px; font-weight: 500; margin: 0; padding: 7px 8px 5px; color: #ccccdc; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .body { position: absolute; top: 30px; left: 8px; right: 8px; bottom: 6px; overflow: hidden; }
  .nodata { color: #8e8e8e; display: flex; height: 100%; align-items: center; justify-content: center; }
  .error { color: #f2495c; }
  .stats { display: flex; gap: 6px; height: 100%; }
  .stat { flex: 1; border-radius: 2px; display: flex; flex-direction: column; align-items: center; justify-content: center; color: #111217; min-width: 0; }
  .stat-name { font-size: 13px; font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 95%; }
  .stat-value { font-weight: 600; line-height: 1.05; }
  table { width: 100%; border-collapse: collapse; table-layout: auto; font-size: 12px; }
  th { text-align: left; font-weight: 500; color: #6e9fff; border-bottom: 1px solid #2c3235; padding: 3px 6px; white-space: nowrap; }
  td { padding: 2px 6px; border-bottom: 1px solid #22252b; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 180px; height: 23px; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; max-width: none; }
  .more { color: #8e8e8e; font-size: 11px; padding: 3px 6px; }
  .bars { display: flex; flex-direction: column; gap: 5px; }
  .bar-row { display: grid; grid-template-columns: 46% 1fr 44px; align-items: center; gap: 8px; font-size: 12px; }
  .bar-name { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; text-align: right; }
  .bar-track { height: 15px; background: #22252b; border-radius: 2px; }
  .bar-fill { height: 100%; border-radius: 2px; min-width: 2px; }
  .bar-value { font-weight: 600; text-align: right; font-variant-numeric: tabular-nums; }
  svg .grid { stroke: #2c3235; stroke-width: 1; } svg .axis { fill: #8e8e8e; font-size: 10px; }
  .legend { font-size: 12px; display: flex; flex-wrap: wrap; gap: 2px 14px; }
  .legend-item { display: inline-flex; align-items: center; gap: 5px; } .swatch { width: 14px; height: 4px; border-radius: 1px; display: inline-block; }
  .muted { color: #8e8e8e; }
  footer { color: #8e8e8e; font-size: 11px; padding: 6px ${MARGIN}px 10px; }
</style></head><body>
<header><h1>${escape(dashboard.title)}</h1>${variables}</header>
<div class="notice">${escape(LABEL)}</div>
<div class="grid">
${panels}
</div>
<footer>${escape(LABEL)} · config/grafana/certwatch-dashboard.json · rendered ${new Date(now * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC by scripts/render-dashboard-preview.ts</footer>
</body></html>
`;
}

function parseArgs(argv: string[]): { prometheus: string; out: string; html: string | null } {
  let prometheus: string | undefined;
  let out = join(ROOT, "docs/images/dashboard.png");
  let html: string | null = null;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === "--out") out = resolve(argv[++i] ?? "");
    else if (arg === "--html") html = resolve(argv[++i] ?? "");
    else if (!arg.startsWith("--") && prometheus === undefined) prometheus = arg;
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!prometheus) throw new Error("usage: render-dashboard-preview.ts <prometheus-url> [--out file.png] [--html file.html]");
  return { prometheus: prometheus.endsWith("/") ? prometheus : `${prometheus}/`, out, html };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dashboard = JSON.parse(readFileSync(DASHBOARD_PATH, "utf8")) as Dashboard;
  await instant(args.prometheus, "vector(1)").catch((error: unknown) => {
    throw new Error(`cannot query Prometheus at ${args.prometheus}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const now = Math.floor(Date.now() / 1000);
  const rendered = await Promise.all(dashboard.panels.map((panel) => renderPanel(args.prometheus, panel, now)));
  const failed = rendered.filter((r) => r.body.includes('class="nodata'));
  for (const r of failed) process.stderr.write(`warning: panel ${r.panel.id} "${r.panel.title}" rendered without data\n`);
  const html = page(dashboard, rendered, now);
  if (args.html) writeFileSync(args.html, html);

  // Not a dependency of certwatch itself; see the header comment.
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: WIDTH, height: 900 }, deviceScaleFactor: 1 });
    const tab = await context.newPage();
    // Nothing may leave the page: no external assets.
    await tab.route("**/*", (route) => (route.request().url().startsWith("data:") ? route.continue() : route.abort()));
    await tab.setContent(html, { waitUntil: "load" });
    mkdirSync(dirname(args.out), { recursive: true });
    await tab.screenshot({ path: args.out, fullPage: true });
  } finally {
    await browser.close();
  }
  process.stdout.write(`wrote ${args.out}${failed.length ? ` (${failed.length} panels without data)` : ""}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`render-dashboard-preview: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
