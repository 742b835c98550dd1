/**
 * A read body written back in the one spelling the compiler emits (src/emit/criteria.ts, criteria.schema.json):
 * `and`/`or`/`not`/`sort` given as one object become one-element arrays, and empty ones are left out; every other
 * key keeps its value as given. This is the form a schema for the emitted body (`validateCriteria`) can judge a
 * body written in any documented spelling by, and `pointerInBody` takes that schema's pointers back to the body as
 * given.
 */
import type { ReadBody } from './types.js';

/** A body in the emitted spelling (`json`), and the way back from its pointers to the body's own. */
export interface EmittedShape {
  readonly json: Record<string, unknown>;
  /** `pointer` into `json` as a pointer into the body as given: `/and/0/x` → `/and/x` when `and` was one object. */
  pointerInBody(pointer: string): string;
}

/** `body` in the emitted spelling (see the module comment). Keys keep their order; the input is not changed. */
export function emittedShape(body: ReadBody): EmittedShape {
  const entries: [string, unknown][] = [];
  const wrapped: string[] = [];
  for (const entry of body.entries) {
    if (entry.kind === 'invalid') {
      entries.push([entry.key, entry.json]);
      continue;
    }
    if (entry.kind === 'string') {
      entries.push([entry.key, entry.value]);
      continue;
    }
    const part = entry.kind === 'group' ? entry.group : entry.sort;
    if (part.spelling === 'object') {
      entries.push([entry.key, [part.json]]);
      wrapped.push(`/${entry.key}/0`);
    } else if (!(part.spelling === 'array' && (part.json as unknown[]).length === 0)) {
      entries.push([entry.key, part.json]);
    }
  }
  // Object.fromEntries defines (does not set) each key, so a `__proto__` key stays an own key.
  const json = Object.fromEntries(entries);
  return {
    json,
    pointerInBody(pointer: string): string {
      for (const prefix of wrapped) {
        if (pointer === prefix || pointer.startsWith(`${prefix}/`)) return prefix.slice(0, -2) + pointer.slice(prefix.length);
      }
      return pointer;
    },
  };
}
