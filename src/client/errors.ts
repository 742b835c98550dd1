/**
 * The errors the live client throws. Every message is written for a person reading a terminal, and none ever holds
 * the API key: text that came from the server is passed through {@link redact} before it is kept.
 *
 * - {@link KustomerApiError}: the API answered with an error status (after retries, for 5xx). Carries the status,
 *   Kustomer's own code and message (from either error envelope, below), and for a 400 on a search our own
 *   `validateCriteria` verdict on the body that was sent (`validation`), so a caller sees both sides.
 * - {@link KustomerNetworkError}: no answer at all (DNS, refused connection, reset, a body that is not JSON) after
 *   the retries.
 * - {@link RateLimitError}: the server asked the client to wait longer than it may (`maxWaitMs`), or kept answering
 *   429 after `rateLimitRetries` waits.
 * - {@link WindowingError}: `searchAll` cannot page past the 100-page cap without losing or repeating records (a tie
 *   group as large as a window, a full `and` it cannot fold into, records without the windowing timestamp).
 *
 * Kustomer's error envelopes (kustomer-api-live.md §1e): the JSON:API one the SDK declares,
 * `{"errors": [{"status": "400", "code": "…", "title": "…", "detail"?: "…", "source": {…}}]}` (also with `message` in
 * place of `title`/`detail`), and the flat one public clients look for,
 * `{"error": "…" | {"message": "…"}, "errorCode"?: "…", "message"?: "…"}`.
 */
import type { CriteriaValidation } from '../emit/validate.js';

/** Replaces every occurrence of `secret` (when at least 4 characters) in `text` with `[redacted]`. */
export function redact(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return text;
  return text.split(secret).join('[redacted]');
}

/** What {@link parseErrorBody} read from an error response: Kustomer's code and message, when it gave them. */
export interface KustomerErrorBody {
  /** Kustomer's error code (`errors[0].code`, or `errorCode`), if any. */
  readonly code?: string;
  /** Kustomer's message(s), joined with `; ` (titles and details, or `error`/`message`); the raw text if not JSON. */
  readonly message: string;
}

/** At most this many characters of a server's message are kept (a proxy's HTML page is not a message). */
const maxMessageLength = 500;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > maxMessageLength ? `${flat.slice(0, maxMessageLength)}…` : flat;
}

/**
 * Reads an error response body in either of Kustomer's envelopes (see the module comment); anything else gives its
 * text (clipped to 500 characters, whitespace folded). `secret` is redacted from everything kept.
 */
export function parseErrorBody(text: string, secret?: string): KustomerErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { message: redact(clip(text), secret) };
  }
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : undefined);
  if (json !== null && typeof json === 'object') {
    const body = json as Record<string, unknown>;
    if (Array.isArray(body.errors) && body.errors.length > 0) {
      const items = body.errors.filter((e): e is Record<string, unknown> => e !== null && typeof e === 'object');
      const parts = items.map((e) => [str(e.title), str(e.detail) ?? str(e.message)].filter(Boolean).join(': ')).filter((p) => p !== '');
      const code = items.map((e) => str(e.code)).find((c) => c !== undefined);
      return { ...(code !== undefined ? { code: redact(code, secret) } : {}), message: redact(clip(parts.join('; ') || text), secret) };
    }
    const error = body.error;
    const nested = error !== null && typeof error === 'object' ? str((error as Record<string, unknown>).message) : undefined;
    const message = str(error) ?? nested ?? str(body.message) ?? str(body.title);
    const code = str(body.errorCode) ?? str(body.code) ?? (error !== null && typeof error === 'object' ? str((error as Record<string, unknown>).code) : undefined);
    if (message !== undefined || code !== undefined) {
      return { ...(code !== undefined ? { code: redact(code, secret) } : {}), message: redact(clip(message ?? text), secret) };
    }
  }
  return { message: redact(clip(text), secret) };
}

/**
 * The roles a search call needs (kustomer-api-live.md §1a, from the OpenAPI file): one of the legacy roles
 * `org.user.search.read` / `org.admin.search.read`, or with permission sets `org.permission.search.create`.
 */
export const searchRoles = 'org.user.search.read or org.admin.search.read (legacy roles), or org.permission.search.create (permission sets)';

/** An error status from the Kustomer API, with Kustomer's code and message and what the client makes of it. */
export class KustomerApiError extends Error {
  override readonly name = 'KustomerApiError';
  /** The HTTP status (400, 401, 403, 404, 429, 5xx, …). */
  readonly status: number;
  /** Kustomer's error code, when the body had one. */
  readonly code: string | undefined;
  /** Kustomer's own message (redacted, clipped), or the status text. */
  readonly kustomerMessage: string;
  /** The request: method and path (never the host's credentials, never the key). */
  readonly request: string;
  /** For a 400 on a search: `validateCriteria` of the body that was sent (valid, or the problems it sees). */
  readonly validation: CriteriaValidation | undefined;

  constructor(init: { status: number; code?: string | undefined; kustomerMessage: string; request: string; validation?: CriteriaValidation; hint?: string }) {
    const validation = init.validation;
    const ours = validation === undefined ? '' : validation.valid
      ? '\n  our check of the body: valid (the server objects to something the schema does not cover)'
      : `\n  our check of the body: ${validation.errors.map((e) => `${e.pointer || '/'}: ${e.message}`).join('; ')}`;
    super(
      `Kustomer answered ${init.status}${init.code ? ` (${init.code})` : ''} to ${init.request}: ${init.kustomerMessage}${init.hint ? `\n  ${init.hint}` : ''}${ours}`,
    );
    this.status = init.status;
    this.code = init.code;
    this.kustomerMessage = init.kustomerMessage;
    this.request = init.request;
    this.validation = validation;
  }
}

/** The hint a 401 or 403 gets: which key or which role is missing. `keySource` names where the key came from. */
export function authHint(status: number, keySource: string): string | undefined {
  if (status === 401) return `the API key (${keySource}) was not accepted: it is missing, mistyped, expired or revoked`;
  if (status === 403) return `the API key (${keySource}) is valid but lacks a role this call needs: search needs ${searchRoles}`;
  return undefined;
}

/** No usable answer from the server after the retries: the network failed, or the body was not JSON. */
export class KustomerNetworkError extends Error {
  override readonly name = 'KustomerNetworkError';
  /** The request, as `METHOD /path`. */
  readonly request: string;
  /** How many attempts were made. */
  readonly attempts: number;
  constructor(message: string, request: string, attempts: number, options?: { cause?: unknown }) {
    super(message, options);
    this.request = request;
    this.attempts = attempts;
  }
}

/** The server's rate limit would make the client wait longer than it may, or kept refusing. */
export class RateLimitError extends Error {
  override readonly name = 'RateLimitError';
  /** The wait the server asked for, in milliseconds (undefined when it gave none). */
  readonly waitMs: number | undefined;
  constructor(message: string, waitMs?: number) {
    super(message);
    this.waitMs = waitMs;
  }
}

/** `searchAll` cannot continue past the page cap without losing or repeating records; the message says why. */
export class WindowingError extends Error {
  override readonly name = 'WindowingError';
  /** Why: `tie-group` (too many records share one timestamp), `and-full`, `no-timestamp`, `bad-since`. */
  readonly reason: 'tie-group' | 'and-full' | 'no-timestamp' | 'bad-since';
  constructor(reason: WindowingError['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}
