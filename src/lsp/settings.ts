/**
 * The language server's settings: the compile options a `.kq` file is checked with, read from the client's
 * `initializationOptions` and from `workspace/didChangeConfiguration` (or, for clients that only announce a change,
 * pulled with `workspace/configuration`, section `kq`).
 *
 * The settings object is `{ "kq": { … } }` or the inner object itself; its keys:
 * - `timeZone`: an IANA zone name (`America/New_York`), for queries without a `tz:` directive;
 * - `queryContext`: `customer`, `conversation`, `message`, `company`, `note`, `kobject` or `kobject_<klass>`, for
 *   queries without a `context:` directive;
 * - `customAttributes`: the org's custom attributes, `[{ "name": "customer_custom_tierStr", "values": [...] }, …]`
 *   (the shape of `kq --custom <file.json>`);
 * - `nested`: `true` to allow nested and/or/not groups (not documented by Kustomer);
 * - `now`: an ISO-8601 instant relative dates resolve against (default: the real time at each check);
 * - `maxCompletions`: the most completion items returned (default 100).
 *
 * A value that is wrong is left out (the base value stays) and reported as a problem, never thrown: a typo in an
 * editor's settings file must not stop the server.
 */
import { createCatalog, isValidContext, resolveClock, resolveTimeZone, type CustomAttribute, type ServiceOptions } from '../index.js';

/** The settings keys the server reads, as documented above (all optional). */
export interface KqSettings {
  readonly timeZone?: string;
  readonly queryContext?: string;
  readonly customAttributes?: readonly CustomAttribute[];
  readonly nested?: boolean;
  readonly now?: string;
  readonly maxCompletions?: number;
}

/** Settings read: the service options (base values overridden by the valid keys), and one message per rejected key. */
export interface ReadSettings {
  readonly options: ServiceOptions;
  readonly problems: readonly string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads `value` (`{kq: {…}}`, the inner object, or null/undefined for none) over `base` (the CLI's flags). Unknown
 * keys are ignored (a client may send its whole configuration); known keys with bad values are reported in
 * `problems` and skipped. `null` for a key removes the base value. Never throws.
 */
export function readSettings(value: unknown, base: ServiceOptions = {}): ReadSettings {
  const problems: string[] = [];
  const section = isObject(value) && isObject(value.kq) ? value.kq : isObject(value) ? value : {};
  const options: Record<string, unknown> = { ...base };
  const take = (key: keyof KqSettings, check: (v: unknown) => string | null) => {
    if (!(key in section) || section[key] === undefined) return;
    const v = section[key];
    if (v === null) {
      delete options[key];
      return;
    }
    const problem = check(v);
    if (problem === null) options[key] = v;
    else problems.push(`kq.${key}: ${problem}`);
  };
  take('timeZone', (v) =>
    typeof v === 'string' && resolveTimeZone(v).ok ? null : `unknown time zone ${JSON.stringify(v)} (use an IANA name such as America/New_York)`,
  );
  take('queryContext', (v) =>
    typeof v === 'string' && isValidContext(v)
      ? null
      : `unknown context ${JSON.stringify(v)} (customer, conversation, message, company, note, kobject, kobject_<klass>)`,
  );
  take('customAttributes', (v) => {
    if (!Array.isArray(v)) return 'expected a list of custom attributes ([{"name": "customer_custom_tierStr"}, …])';
    const { problems: bad } = createCatalog(v as CustomAttribute[]);
    return bad.length === 0 ? null : bad.map((p) => `'${p.name}': ${p.message}`).join('; ');
  });
  take('nested', (v) => (typeof v === 'boolean' ? null : 'expected true or false'));
  take('now', (v) => {
    if (typeof v !== 'string') return 'expected an ISO-8601 instant such as 2024-06-01T12:00:00Z';
    const clock = resolveClock(v);
    return clock.ok ? null : clock.message;
  });
  take('maxCompletions', (v) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? null : 'expected a whole number above 0'));
  return { options: options as ServiceOptions, problems };
}
