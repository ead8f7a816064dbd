// Links between the pages of certificates. They are plain links carrying the filters, so paging
// works without JavaScript and a page's URL can be shared.
import { esc } from "./status-page-html.js";
import type { PageInfo, StatusPageFilter } from "./status-page-model.js";

/** `/?zone=…&source=…&state=…&page=N`: the filters asked for (empty ones left out), page 1 without `page`. */
export function pageHref(filter: StatusPageFilter, page: number): string {
  const query = new URLSearchParams();
  if (filter.zone !== null) query.set("zone", filter.zone);
  if (filter.source !== null) query.set("source", filter.source);
  if (filter.state !== null) query.set("state", filter.state);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `/?${text}` : "/";
}

/** Nothing when everything fits on one page. */
export function renderPager(page: PageInfo, filter: StatusPageFilter, where: "top" | "bottom"): string {
  if (page.count <= 1) return "";
  const link = (label: string, target: number, rel: string) =>
    target === page.number || target < 1 || target > page.count
      ? `<span class="pager-off" aria-disabled="true">${label}</span>`
      : `<a href="${esc(pageHref(filter, target))}" rel="${rel}">${label}</a>`;
  return `<nav class="pager" aria-label="Certificate pages (${where})">` +
    link("« First", 1, "first") +
    link("‹ Previous", page.number - 1, "prev") +
    `<span class="pager-at">Page ${page.number} of ${page.count}</span>` +
    link("Next ›", page.number + 1, "next") +
    link("Last »", page.count, "last") +
    `</nav>`;
}
