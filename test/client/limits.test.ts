/**
 * The client's pure parts: Retry-After and x-ratelimit-reset readings, full-jitter backoff bounds, the request
 * budget (a fake clock), error envelopes, base URLs, and windowing bodies (and/or limits, folding).
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RequestBudget, backoffDelay, parseErrorBody, resetDelayMs, resolveBaseUrl, retryAfterMs, windowCriteria, WindowingError } from '../../src/client/index.js';
import { fcOptions } from '../helpers/fc.js';

const now = Date.parse('2025-06-01T12:00:00Z');

test('Retry-After: 7 (seconds) and an HTTP-date', () => {
  assert.is(retryAfterMs('7', now), 7000);
  assert.is(retryAfterMs('Sun, 01 Jun 2025 12:00:30 GMT', now), 30_000);
  assert.is(retryAfterMs('Sun, 01 Jun 2025 11:00:00 GMT', now), 0, 'a date in the past waits 0');
  assert.is(retryAfterMs('soon', now), undefined);
  assert.is(retryAfterMs(null, now), undefined);
});

test('x-ratelimit-reset: seconds from now, epoch seconds, epoch milliseconds (by magnitude)', () => {
  assert.is(resetDelayMs('42', now), 42_000);
  assert.is(resetDelayMs(String(now / 1000 + 42), now), 42_000);
  assert.is(resetDelayMs(String(now + 42_000), now), 42_000);
  assert.is(resetDelayMs(String(now / 1000 - 5), now), 0, 'an instant in the past');
  assert.is(resetDelayMs('-3', now), undefined);
  assert.is(resetDelayMs('', now), undefined);
});

test('backoff with full jitter stays in [0, min(max, base·2^n))', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (n, r) => {
      const d = backoffDelay(n, { baseMs: 500, maxMs: 30_000 }, () => r);
      return d >= 0 && d < Math.min(30_000, 500 * 2 ** n) + 1e-9 && Number.isInteger(d);
    }),
    fcOptions(200),
  );
});

test('the budget lets at most N requests into any 60-second span', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 12 }), fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 60 }), (n, gaps) => {
      let t = 0;
      const budget = new RequestBudget(n, () => t);
      const starts: number[] = [];
      for (const gap of gaps) {
        t += gap;
        t += budget.delay();
        assert.is(budget.delay(), 0);
        budget.spend();
        starts.push(t);
      }
      for (let i = n; i < starts.length; i++) if (starts[i]! - starts[i - n]! < 60_000) return false;
      return true;
    }),
    fcOptions(200),
  );
});

test('error envelopes: {errors:[{title, detail, code}]} and {errors:[{code, message}]} and {error, errorCode}', () => {
  assert.equal(parseErrorBody(JSON.stringify({ errors: [{ status: '400', code: 'bad_request', title: 'Bad Request', detail: 'Unknown attribute x' }] })), {
    code: 'bad_request',
    message: 'Bad Request: Unknown attribute x',
  });
  assert.equal(parseErrorBody(JSON.stringify({ errors: [{ code: 'forbidden', message: 'no role' }] })), { code: 'forbidden', message: 'no role' });
  assert.equal(parseErrorBody(JSON.stringify({ error: 'Expired token', errorCode: 'E401' })), { code: 'E401', message: 'Expired token' });
  assert.equal(parseErrorBody('<html>bad gateway</html>'), { message: '<html>bad gateway</html>' });
});

test('error bodies never keep the key: a server echoing it is redacted', () => {
  const body = JSON.stringify({ errors: [{ code: 'unauthorized', title: 'Invalid key sk-live-123456' }] });
  assert.not.match(parseErrorBody(body, 'sk-live-123456').message, /sk-live-123456/);
});

test('base URLs: --base-url with /v1, org + region, a region alone, a bad org', () => {
  assert.is(resolveBaseUrl({ baseUrl: 'https://acme.api.kustomerapp.com/v1/' }), 'https://acme.api.kustomerapp.com');
  assert.is(resolveBaseUrl({ org: 'acme' }), 'https://acme.api.kustomerapp.com');
  assert.is(resolveBaseUrl({ org: 'acme', region: 'eu' }), 'https://acme.api.prod2.kustomerapp.com');
  assert.is(resolveBaseUrl({ region: 'in' }), 'https://api.prod4.kustomerapp.com');
  assert.throws(() => resolveBaseUrl({ org: 'evil.com/x' }), /subdomain/);
  assert.throws(() => resolveBaseUrl({ baseUrl: 'https://user:pw@host' }), /credentials/);
});

test('base URLs: plain http only to this machine (the key would travel unencrypted): http://evil.example is refused', () => {
  assert.throws(() => resolveBaseUrl({ baseUrl: 'http://evil.example' }), /https.*unencrypted/);
  assert.throws(() => resolveBaseUrl({ baseUrl: 'http://10.0.0.5:4517' }), /https/);
  assert.is(resolveBaseUrl({ baseUrl: 'http://127.0.0.1:4517' }), 'http://127.0.0.1:4517');
  assert.is(resolveBaseUrl({ baseUrl: 'http://localhost:4517/v1' }), 'http://localhost:4517');
  assert.is(resolveBaseUrl({ baseUrl: 'http://[::1]:4517' }), 'http://[::1]:4517');
});

const field = 'customer_updated_at';
const full = (n: number) => Array.from({ length: n }, (_, i) => ({ customer_name: { equals: `n${i}` } }));

test('windowCriteria: the window sort replaces the query sort; gte is appended to and', () => {
  const body = windowCriteria({ queryContext: 'customer', and: full(2), sort: [{ customer_name: 'asc' }] }, field, '2025-01-01T00:00:00.000Z', false);
  assert.equal(body.sort, [{ customer_updated_at: 'asc' }]);
  assert.equal((body.and as unknown[]).at(-1), { customer_updated_at: { gte: '2025-01-01T00:00:00.000Z' } });
  assert.is((body.and as unknown[]).length, 3);
});

test('windowCriteria: and with 20 items folds into a lower bound on the same attribute after the first window', () => {
  const and = [...full(19), { customer_updated_at: { gt: '2024-01-01' } }];
  const body = windowCriteria({ queryContext: 'customer', and }, field, '2025-01-01T00:00:00.000Z', true);
  assert.is((body.and as unknown[]).length, 20);
  assert.equal((body.and as unknown[])[19], { customer_updated_at: { gte: '2025-01-01T00:00:00.000Z' } });
});

test('windowCriteria: and with 20 items and no foldable bound is a clear and-full error', () => {
  try {
    windowCriteria({ queryContext: 'customer', and: full(20) }, field, '2025-01-01T00:00:00.000Z', true);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, WindowingError);
    assert.is((e as WindowingError).reason, 'and-full');
    assert.match((e as Error).message, /20/);
  }
});

test("windowCriteria: a user's since folds only into an earlier ISO-instant bound, not a local day", () => {
  const instant = [...full(19), { customer_updated_at: { gte: '2024-06-01T00:00:00Z' } }];
  assert.equal((windowCriteria({ and: instant }, field, '2025-01-01T00:00:00Z', false).and as unknown[])[19], { customer_updated_at: { gte: '2025-01-01T00:00:00Z' } });
  const day = [...full(19), { customer_updated_at: { gte: '2024-06-01' } }];
  assert.throws(() => windowCriteria({ and: day }, field, '2025-01-01T00:00:00Z', false), /20/);
  const later = [...full(19), { customer_updated_at: { gte: '2026-01-01T00:00:00Z' } }];
  assert.throws(() => windowCriteria({ and: later }, field, '2025-01-01T00:00:00Z', false), /20/);
});

test('windowCriteria: a single-object and (as Kustomer documents it) becomes an array; the input is unchanged', () => {
  const criteria = { queryContext: 'conversation', and: { conversation_status: { equals: 'open' } } };
  const body = windowCriteria(criteria, 'conversation_updated_at', '2025-01-01T00:00:00Z', false);
  assert.equal(body.and, [{ conversation_status: { equals: 'open' } }, { conversation_updated_at: { gte: '2025-01-01T00:00:00Z' } }]);
  assert.equal(criteria.and, { conversation_status: { equals: 'open' } });
});

test.run();
