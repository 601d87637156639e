/**
 * The page numbers to link, GOV.UK's way: the first, the last, the current one and its neighbours,
 * `null` for an ellipsis. A gap of one page shows that page instead of an ellipsis (an ellipsis
 * standing for one number helps no one); up to 7 pages are all shown. At most 7 numbers, so with Previous and Next at most 9 links.
 */
export function pageWindow(current: number, last: number): Array<number | null> {
  if (last <= 7) return Array.from({ length: last }, (_, i) => i + 1);
  const wanted = [...new Set([1, current - 1, current, current + 1, last])]
    .filter((n) => n >= 1 && n <= last)
    .sort((a, b) => a - b);
  const out: Array<number | null> = [];
  wanted.forEach((n, i) => {
    const gap = i === 0 ? 1 : n - wanted[i - 1];
    if (gap === 2) out.push(n - 1);
    else if (gap > 2) out.push(null);
    out.push(n);
  });
  return out;
}

/** govukPagination's parameters for a result list (no items when there is one page). */
export function paginationOf(current: number, pageCount: number, href: (page: number) => string) {
  return {
    previous: current > 1 ? { href: href(current - 1) } : undefined,
    next: current < pageCount ? { href: href(current + 1) } : undefined,
    items:
      pageCount > 1
        ? pageWindow(current, pageCount).map((n) =>
            n === null ? { ellipsis: true } : { number: n, href: href(n), current: n === current }
          )
        : [],
  };
}
