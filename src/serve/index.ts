/**
 * The local search server (`kq serve`): a stand-in for Kustomer's search API on 127.0.0.1, backed by the reference
 * semantics (src/evaluate), for testing API clients without an org. Node only; exported from `kustomer-query/node`.
 * See server.ts for what it answers, resource.ts for the record shape, rateLimit.ts and errors.ts for the limits
 * and envelopes.
 */
export {
  startServer,
  serveHost,
  searchPaths,
  bodyLimits,
  maxLogEntries,
  type ServerOptions,
  type RunningServer,
  type ServerSettings,
  type ServerStats,
  type RequestLogEntry,
  type Fault,
  type SearchResponseBody,
} from './server.js';
export { toResource, type ResourceObject } from './resource.js';
export { parseRateLimit, resetUnits, type RateLimit, type ResetUnit } from './rateLimit.js';
export { errorFormats, type ErrorFormat } from './errors.js';
export { bundledDataPath } from './data.js';
