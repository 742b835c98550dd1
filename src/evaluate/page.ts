/**
 * Pages of search results, with the target's limits (kustomer-search-api.md §6.2): `page` starts at 1, `pageSize`
 * is at most 500 (default 100, the size the docs and the taps use), and no page past the 100th is served — the
 * "hard limit of 100 for the maximum number of pages". `meta` is the real response's (`page`, `pageSize`, `total`,
 * `totalPages`, §6.4): `total` counts every match and `totalPages` is `ceil(total / pageSize)`, uncapped — the
 * target reports it so and refuses the page past the cap (public clients stop at a 404 there), which is what
 * {@link checkPage} does.
 */
import type { SearchProblem } from './errors.js';

/** The page size when none is given. */
export const defaultPageSize = 100;
/** The largest page size the search endpoint serves (§6.2). */
export const maxPageSize = 500;
/** The last page the search endpoint serves (§6.2). */
export const maxPage = 100;

/** `page` and `pageSize` as asked for; either may be left out. */
export interface PageRequest {
  readonly page?: number;
  readonly pageSize?: number;
}

/** `meta` of a search response (§6.4). */
export interface PageMeta {
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  readonly totalPages: number;
}

/**
 * Checks a page request against the limits: `page` an integer 1–{@link maxPage}, `pageSize` an integer
 * 1–{@link maxPageSize}. Returns the values to use (defaults filled in) or the problems, each naming its parameter.
 */
export function checkPage(request: PageRequest): { ok: true; page: number; pageSize: number } | { ok: false; problems: SearchProblem[] } {
  const problems: SearchProblem[] = [];
  const page = request.page ?? 1;
  const pageSize = request.pageSize ?? defaultPageSize;
  if (typeof page !== 'number' || !Number.isInteger(page) || page < 1) {
    problems.push({ parameter: 'page', message: `page must be a whole number from 1, got ${describeValue(page)}` });
  } else if (page > maxPage) {
    problems.push({ parameter: 'page', message: `page ${page} is past the search's hard limit of ${maxPage} pages; narrow the query (e.g. by updated_at) instead` });
  }
  if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize) {
    problems.push({ parameter: 'pageSize', message: `pageSize must be a whole number from 1 to ${maxPageSize}, got ${describeValue(pageSize)}` });
  }
  return problems.length ? { ok: false, problems } : { ok: true, page, pageSize };
}

/**
 * A parameter's value as a message names it: a number as written (`2.5`, `NaN`), anything else with its type, so
 * that `'2'` (a string) does not read like the number 2: `the string '2'`, `null`, `a boolean (true)`, `an object`.
 */
function describeValue(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `the string '${v.length > 40 ? `${v.slice(0, 40)}…` : v}'`;
  if (v === null) return 'null';
  if (typeof v === 'boolean' || typeof v === 'bigint') return `a ${typeof v} (${String(v)})`;
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** Page `page` (1-based) of `sorted`, `pageSize` records to a page, with its `meta`. A page past the end is empty. */
export function pageOf<R>(sorted: readonly R[], page: number, pageSize: number): { data: R[]; meta: PageMeta } {
  const start = (page - 1) * pageSize;
  return {
    data: sorted.slice(start, start + pageSize),
    meta: { page, pageSize, total: sorted.length, totalPages: Math.ceil(sorted.length / pageSize) },
  };
}
