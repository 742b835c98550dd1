/**
 * `kustomer-query/client`: a small client for Kustomer's search API, built on `fetch` (isomorphic: Node 20,
 * browsers, Kustomer apps; no Node built-ins).
 *
 * - `createClient({apiKey, baseUrl | org + region, fetch?, budget?, retries?, signal?, onProgress?})`: Bearer auth,
 *   JSON, retries with full-jitter backoff on 5xx and network errors, 429 / `Retry-After` / `x-ratelimit-*`
 *   honoured, a client-side budget of 100 requests a minute (Kustomer's search limit for API keys), cancellation,
 *   progress events; errors that say what went wrong and never hold the key.
 * - `client.search(criteria, {page, pageSize})`: one page.
 * - `client.searchAll(criteria, opts)`: every matching record exactly once, past the 100-page cap by windows on
 *   `<object>_updated_at`, resumable from a checkpoint.
 *
 * Criteria are the JSON `compile` (from `kustomer-query`) produces. Facts and sources: kustomer-api-live.md §1, §5
 * (cited where used).
 */
export {
  createClient,
  resolveBaseUrl,
  regionHosts,
  type Region,
  type ClientOptions,
  type ClientStats,
  type KustomerClient,
  type ProgressEvent,
  type SearchOptions,
  type SearchPage,
  type SearchRecord,
} from './client.js';
export { searchAll, windowCriteria, windowField, maxGroupItems, type Checkpoint, type ExportStats, type SearchAllOptions, type SearchExport } from './searchAll.js';
export { KustomerApiError, KustomerNetworkError, RateLimitError, WindowingError, parseErrorBody, searchRoles, type KustomerErrorBody } from './errors.js';
export { backoffDelay, retryAfterMs, resetDelayMs, RequestBudget, defaultBackoff, type Backoff } from './limits.js';
export { pullOrgSchema, attributesFromMetadata, listAll, maxListPages, type PullOptions, type PulledSchema } from './metadata.js';
