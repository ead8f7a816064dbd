import { createHash } from "node:crypto";

/**
 * The status page's only stylesheet, inlined in a <style> element and allowed by its hash in
 * the Content-Security-Policy: no external asset, no 'unsafe-inline', no style attributes.
 * The state colours come with the state as text, so colour is never the only signal.
 */
export const STATUS_PAGE_STYLE = `
:root {
  color-scheme: light dark;
  --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --line: #d1d9e0; --head: #f6f8fa; --link: #0550ae;
  --critical: #b42318; --critical-bg: #fdecea;
  --warning: #8a4b00; --warning-bg: #fff4d6; --warning-badge: #f0b429;
  --ok: #1a7f37; --ok-bg: #ffffff;
  --unknown: #59636e; --unknown-bg: #eef0f2;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --line: #30363d; --head: #161b22; --link: #71b7ff;
    --critical: #ff7b72; --critical-bg: #3b1219;
    --warning: #f0b429; --warning-bg: #33260a;
    --ok: #56d364; --ok-bg: #0d1117;
    --unknown: #9198a1; --unknown-bg: #1c2128;
  }
}
* { box-sizing: border-box; }
body { margin: 0; padding: 1rem 1.5rem 2rem; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--link); }
header { display: flex; flex-wrap: wrap; align-items: baseline; gap: .5rem 1.5rem; margin-bottom: .75rem; }
h1 { font-size: 1.4rem; margin: 0; }
h1 .version { font-size: .85rem; font-weight: normal; color: var(--muted); }
h2 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; }
.cycle { margin: 0; }
.cycle.none { color: var(--warning); font-weight: 600; }
.counts { display: flex; flex-wrap: wrap; gap: .4rem; margin: 0; padding: 0; list-style: none; }
.counts a { display: inline-block; padding: .1rem .6rem; border: 1px solid var(--line); border-radius: 999px; text-decoration: none; color: var(--fg); }
.counts a.count-critical { border-color: var(--critical); color: var(--critical); }
.counts a.count-warning { border-color: var(--warning-badge, var(--warning)); color: var(--warning); }
.counts a.count-ok { border-color: var(--ok); color: var(--ok); }
.counts strong { font-variant-numeric: tabular-nums; }
.links { margin-left: auto; }
form.filters { display: flex; flex-wrap: wrap; align-items: end; gap: .5rem 1rem; padding: .6rem .75rem; background: var(--head); border: 1px solid var(--line); border-radius: 6px; }
form.filters label { display: flex; flex-direction: column; font-size: .8rem; color: var(--muted); }
form.filters select, form.filters button { font: inherit; font-size: .9rem; padding: .2rem .4rem; }
form.filters button { padding: .25rem 1rem; cursor: pointer; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin-top: .5rem; }
caption { text-align: left; color: var(--muted); padding: .25rem 0; }
th, td { padding: .35rem .5rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--head); font-weight: 600; white-space: nowrap; position: sticky; top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.note, .secondary { color: var(--muted); }
td.source { white-space: nowrap; }
td.name { overflow-wrap: anywhere; min-width: 10rem; }
td.note { min-width: 10rem; }
.secondary { display: block; font-size: .78rem; word-break: break-all; }
tr.state-critical { background: var(--critical-bg); }
tr.state-warning { background: var(--warning-bg); }
tr.state-ok { background: var(--ok-bg); }
tr.state-unknown { background: var(--unknown-bg); }
tr.state-critical td:first-child { box-shadow: inset 4px 0 0 var(--critical); }
tr.state-warning td:first-child { box-shadow: inset 4px 0 0 var(--warning-badge, var(--warning)); }
tr.state-ok td:first-child { box-shadow: inset 4px 0 0 var(--ok); }
tr.state-unknown td:first-child { box-shadow: inset 4px 0 0 var(--unknown); }
.badge { display: inline-block; min-width: 4.5rem; padding: 0 .45rem; border-radius: 4px; font-size: .8rem; font-weight: 600; text-align: center; text-transform: uppercase; letter-spacing: .02em; }
.badge-critical { background: #b42318; color: #ffffff; }
.badge-warning { background: #f0b429; color: #1f2328; }
.badge-ok { background: #1a7f37; color: #ffffff; }
.badge-unknown { background: #59636e; color: #ffffff; }
.badge-up { background: #1a7f37; color: #ffffff; }
.badge-down { background: #b42318; color: #ffffff; }
.badge-unavailable { background: #59636e; color: #ffffff; }
ul.alerts { margin: 0; padding: 0; list-style: none; }
ul.alerts .alertname { white-space: nowrap; }
ul.alerts .sev { color: var(--muted); font-size: .78rem; }
ul.alerts .sev-critical { color: var(--critical); font-weight: 600; }
ul.alerts .via { color: var(--muted); font-size: .78rem; font-style: italic; }
ul.alerts .silenced { color: var(--muted); font-size: .78rem; border: 1px dashed var(--muted); border-radius: 3px; padding: 0 .25rem; }
.banner { margin: 0 0 1rem; padding: .6rem .9rem; border: 2px solid var(--line); border-radius: 6px; }
.banner-critical { border-color: var(--critical); background: var(--critical-bg); color: var(--fg); }
.banner-critical strong { color: var(--critical); }
.banner-warning { border-color: var(--warning); background: var(--warning-bg); color: var(--fg); }
.banner-warning strong { color: var(--warning); }
.empty { padding: 1rem; color: var(--muted); font-style: italic; }
.pager { display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem 1rem; margin: .5rem 0; }
.pager-off { color: var(--muted); }
.pager-at { font-variant-numeric: tabular-nums; font-weight: 600; }
.omitted { color: var(--muted); margin: .5rem 0; }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; }
`;

/** The CSP source expression that allows exactly STATUS_PAGE_STYLE. */
export const STATUS_PAGE_STYLE_HASH = `'sha256-${createHash("sha256").update(STATUS_PAGE_STYLE, "utf8").digest("base64")}'`;
