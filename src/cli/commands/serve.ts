/**
 * `kq serve [--data records.ndjson] [--port N] [--api-key K] [--rate-limit N/min] …`: a local stand-in for
 * Kustomer's search API on 127.0.0.1 (`startServer` from kustomer-query/node; src/serve/server.ts says what it
 * answers), for testing API clients. Prints the URL and the settings (never a key), then serves until SIGINT or
 * SIGTERM, and exits 0.
 */
import { errorFormats, parseRateLimit, resetUnits, startServer, type ErrorFormat, type ResetUnit, type RunningServer, type ServerOptions } from '../../node/index.js';
import { type Command, type FlagValues, stringFlag, UsageError } from '../common.js';
import { readSchemaFile } from '../schemaFile.js';

/** The environment variable `kq serve` takes an API key from when `--api-key` is not given. */
const apiKeyVariable = 'KQ_SERVE_API_KEY';

function wholeNumber(values: FlagValues, name: string, min: number, max: number): number | undefined {
  const text = stringFlag(values, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new UsageError(`--${name}: expected a whole number ${min}–${max}, got '${text}'`);
  return Number(text);
}

/** The options the flags give (and `KQ_SERVE_API_KEY`). Throws UsageError for bad values. */
export function serveOptions(values: FlagValues, env: NodeJS.ProcessEnv): ServerOptions {
  const host = stringFlag(values, 'host');
  if (host !== undefined && host !== '127.0.0.1') throw new UsageError(`--host: kq serve listens on 127.0.0.1 only, not '${host}'`);
  const flagKeys = ([] as unknown[]).concat(values['api-key'] ?? []).filter((k): k is string => typeof k === 'string' && k !== '');
  const envKey = env[apiKeyVariable];
  const apiKeys = flagKeys.length ? flagKeys : envKey ? [envKey] : [];
  const rate = stringFlag(values, 'rate-limit');
  let rateLimit: ServerOptions['rateLimit'];
  if (rate !== undefined) {
    try {
      rateLimit = parseRateLimit(rate);
    } catch (e) {
      throw new UsageError(`--rate-limit: ${(e as Error).message}`);
    }
  }
  const resetUnit = stringFlag(values, 'reset-unit');
  if (resetUnit !== undefined && !resetUnits.includes(resetUnit as ResetUnit)) throw new UsageError(`--reset-unit: expected ${resetUnits.join(' or ')}, got '${resetUnit}'`);
  const errorFormat = stringFlag(values, 'error-format');
  if (errorFormat !== undefined && !errorFormats.includes(errorFormat as ErrorFormat)) throw new UsageError(`--error-format: expected ${errorFormats.join(' or ')}, got '${errorFormat}'`);
  const data = stringFlag(values, 'data');
  if (data === '-') throw new UsageError('--data: kq serve reads records from a file, not stdin');
  const port = wholeNumber(values, 'port', 0, 65535);
  const seed = wholeNumber(values, 'seed', 0, 2 ** 31 - 1);
  const schemaFile = stringFlag(values, 'schema');
  return {
    ...(schemaFile !== undefined ? { schema: readSchemaFile(schemaFile).schema } : {}),
    ...(data !== undefined ? { data } : {}),
    ...(port !== undefined ? { port } : {}),
    apiKeys,
    ...(rateLimit !== undefined ? { rateLimit } : {}),
    ...(resetUnit !== undefined ? { resetUnit: resetUnit as ResetUnit } : {}),
    ...(errorFormat !== undefined ? { errorFormat: errorFormat as ErrorFormat } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
}

/** The lines `kq serve` prints at start: the URL, then the settings (never a key). */
export function describeServer(server: RunningServer): string {
  const s = server.settings;
  const per = (ms: number): string => (ms === 60_000 ? 'min' : ms === 1000 ? 's' : ms === 3_600_000 ? 'h' : `${ms} ms`);
  return [
    `kq serve: Kustomer search API stand-in at ${server.url}`,
    `  POST ${server.url}/v1/customers/search  (and /v1/customers/archive/search)`,
    `  data:        ${s.data} (${s.records} records)`,
    `  auth:        ${s.auth === 'any' ? 'any key is accepted (Authorization: Bearer <anything>); set --api-key or KQ_SERVE_API_KEY to require one' : `Bearer key required (${s.auth.keys} configured)`}`,
    `  rate limit:  ${s.rateLimit ? `${s.rateLimit.limit}/${per(s.rateLimit.windowMs)} per key (token bucket); x-ratelimit-reset in ${s.resetUnit}` : 'off'}`,
    `  ties:        seeded order, seed ${s.seed}`,
    `  errors:      ${s.errorFormat} envelope; bodies up to ${s.maxBodyBytes} bytes; requests within ${s.requestTimeoutMs} ms`,
    s.admin ? `  admin:       POST/GET/DELETE ${server.url}/__kq/faults, GET ${server.url}/__kq/stats, DELETE ${server.url}/__kq/ratelimit` : '  admin:       off',
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}

export const serveCommand: Command = {
  names: ['serve'],
  usage: '  kq serve                 serve a local stand-in for Kustomer\'s search API on 127.0.0.1 (for testing clients)',
  optionsHelp: `Options for kq serve:
  --data <file>            the records to search (NDJSON or a JSON array), default the bundled examples/data/support.ndjson
  --schema <file>          an org schema (kq schema pull): GET /v1/metadata/*, /v1/klasses, /v1/tags, /v1/users(/current), /v1/teams, /v1/routing/queues answer from it
  --port <n>               the port (default 0: a free one, printed)
  --api-key <key>          the accepted Bearer key (repeatable; default KQ_SERVE_API_KEY; none: any key is accepted)
  --rate-limit <n/min>     requests per key: N/min, N/s, N/h or off (default 100/min, Kustomer's for API keys)
  --reset-unit <unit>      x-ratelimit-reset as epoch-seconds (default) or seconds-from-now
  --seed <n>               the seed of the order of records that tie on every sort key (default 1)
  --error-format <f>       jsonapi (default) or simple: Kustomer's two error envelopes
  --host 127.0.0.1         the only host served`,
  options: {
    schema: { type: 'string' },
    data: { type: 'string' },
    port: { type: 'string' },
    'api-key': { type: 'string', multiple: true },
    'rate-limit': { type: 'string' },
    'reset-unit': { type: 'string' },
    seed: { type: 'string' },
    'error-format': { type: 'string' },
    host: { type: 'string' },
  },
  async run(_name, positionals, values, io) {
    if (positionals.length) throw new UsageError(`kq serve takes no arguments, got '${positionals[0]}'`);
    const opts = serveOptions(values, process.env);
    let server: RunningServer;
    try {
      server = await startServer(opts);
    } catch (e) {
      io.stderr(`kq serve: ${(e as Error).message}\n`);
      return 1;
    }
    io.stdout(describeServer(server));
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await server.close();
    io.stderr('kq serve: stopped\n');
    return 0;
  },
};
