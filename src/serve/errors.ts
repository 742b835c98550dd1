/**
 * Kustomer's error envelopes, as the local search server writes them. Kustomer documents two forms and tells
 * clients to accept both (kustomer-search-api.md §7, the developer docs' errors page; kustomer-api-live.md §1e):
 *
 * - `jsonapi`: the JSON:API error object the SDK types (`GetConversationErrors`) and its interceptor reads —
 *   `{"errors": [{"status": "400", "code": "bad_request", "title": "Bad Request", "detail": "…",
 *   "source": {"pointer": "/and/0"} | {"parameter": "page"}, "meta": {}}]}` (`status` a string, as the SDK types it);
 * - `simple`: the docs' short form — `{"errors": [{"code": "bad_request", "message": "…", "meta": {…}}]}`, where this
 *   server puts the problem's `pointer` or `parameter` in `meta` (the form has no `source`).
 *
 * The `code` strings other than `bad_request` (the only row of the docs' status table that could be read) are ours:
 * the snake_case of the HTTP reason phrase.
 */
import { STATUS_CODES } from 'node:http';

/** Which error envelope the server writes (see the module comment). */
export type ErrorFormat = 'jsonapi' | 'simple';

/** The forms {@link ErrorFormat} takes. */
export const errorFormats: readonly ErrorFormat[] = ['jsonapi', 'simple'];

/** One problem to report: a sentence, and where — a JSON pointer into the body, or a query parameter. */
export interface ErrorItem {
  readonly message: string;
  readonly pointer?: string;
  readonly parameter?: string;
}

/** The `code` of an HTTP status: `bad_request`, `unauthorized`, `too_many_requests`, … (`error` when unknown). */
export function errorCode(status: number): string {
  const phrase = STATUS_CODES[status];
  if (!phrase) return status >= 500 ? 'internal_error' : 'error';
  if (status === 500) return 'internal_error';
  return phrase
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** The envelope for `status` with one error per item, in `format`. */
export function errorBody(status: number, items: readonly ErrorItem[], format: ErrorFormat): { errors: object[] } {
  const code = errorCode(status);
  const title = STATUS_CODES[status] ?? 'Error';
  return {
    errors: items.map((item) => {
      const where = item.pointer !== undefined ? { pointer: item.pointer } : item.parameter !== undefined ? { parameter: item.parameter } : undefined;
      if (format === 'simple') return { code, message: item.message, meta: { ...where } };
      return { status: String(status), code, title, detail: item.message, ...(where ? { source: where } : {}), meta: {} };
    }),
  };
}
