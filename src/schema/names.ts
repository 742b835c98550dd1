/**
 * Spelling-insensitive keys of attribute names, for "did you mean" matching: the same letters and digits
 * ({@link looseKey}) and the name without its object prefix ({@link unprefixed}).
 */
import { customPrefix } from './custom.js';
import { objectOf } from './types.js';

/** `createdAt`, `created-at`, `Created_At` → `createdat`: a name's letters and digits, lower-cased. */
export function looseKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The part of a name after its object prefix (and `custom_`, and a kobject klass): `conversation_status` →
 * `status`, `kobject_custom_order_totalNum` → `totalNum`; `null` when the name has no object prefix.
 */
export function unprefixed(name: string): string | null {
  const parsed = customPrefix.exec(name);
  if (parsed !== null) {
    const rest = name.slice(parsed[0].length);
    return parsed[1] === 'kobject' ? rest.slice(rest.lastIndexOf('_') + 1) : rest;
  }
  const object = objectOf(name);
  return object === null ? null : name.slice(object.length + 1);
}
