/**
 * Reading a schema file: `readOrgSchema(text | value)` checks every part of it against the format of types.ts,
 * keeps what is usable and reports the rest as problems with JSON Pointers. Strict (unknown versions, misplaced
 * attribute names and malformed entries are reported, never guessed at) and bounded ({@link orgSchemaLimits}).
 * Isomorphic: no Node built-ins.
 */
import { fieldKinds, type FieldKind } from '../../options.js';
import { klassPattern, parseCustomName } from '../custom.js';
import { kindOfMetadataType } from './kinds.js';
import {
  orgObjectTypes,
  orgSchemaLimits,
  orgSchemaVersion,
  type OrgAttribute,
  type OrgGap,
  type OrgInfo,
  type OrgKlass,
  type OrgLookups,
  type OrgObject,
  type OrgObjectType,
  type OrgOption,
  type OrgQueue,
  type OrgSchema,
  type OrgSchemaProblem,
  type OrgTag,
  type OrgTeam,
  type OrgUser,
} from './types.js';

/** The result of {@link readOrgSchema}: the schema (`null` when the file cannot be used at all) and every problem found. */
export interface OrgSchemaRead {
  readonly schema: OrgSchema | null;
  readonly problems: readonly OrgSchemaProblem[];
}

type Json = Record<string, unknown>;

/** One JSON Pointer reference token (RFC 6901: `~` → `~0`, `/` → `~1`). */
function token(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Text of an untrusted value for a message, at most 60 characters. */
function shown(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own property (never the prototype's: `__proto__` or `constructor` in a file are plain keys). */
function own(o: Json, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The reader's state: the problems so far. */
class Reader {
  readonly problems: OrgSchemaProblem[] = [];
  error(pointer: string, message: string): void {
    this.problems.push({ pointer, message, severity: 'error' });
  }
  warn(pointer: string, message: string): void {
    this.problems.push({ pointer, message, severity: 'warning' });
  }

  /** A bounded string at `o[key]`: `undefined` when absent; a problem (and `undefined`) when not a string or too long. */
  string(o: Json, key: string, at: string, required: boolean): string | undefined {
    const v = own(o, key);
    const p = `${at}/${token(key)}`;
    if (v === undefined) {
      if (required) this.error(p, `'${key}' is missing`);
      return undefined;
    }
    if (typeof v !== 'string' || (required && v.length === 0)) {
      (required ? this.error : this.warn).call(this, p, `'${key}' must be a ${required ? 'non-empty ' : ''}string, got ${shown(v)}${required ? '' : '; ignoring it'}`);
      return undefined;
    }
    if (v.length > orgSchemaLimits.maxStringLength) {
      (required ? this.error : this.warn).call(this, p, `'${key}' is longer than ${orgSchemaLimits.maxStringLength} characters${required ? '' : '; ignoring it'}`);
      return undefined;
    }
    return v;
  }

  boolean(o: Json, key: string, at: string): boolean | undefined {
    const v = own(o, key);
    if (v === undefined || typeof v === 'boolean') return v;
    this.warn(`${at}/${token(key)}`, `'${key}' must be true or false, got ${shown(v)}; ignoring it`);
    return undefined;
  }

  /** A list at `o[key]` of at most `max` items: `undefined` (with a problem unless absent) otherwise. */
  list(o: Json, key: string, at: string, max: number, what: string): unknown[] | undefined {
    const v = own(o, key);
    const p = `${at}/${token(key)}`;
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) {
      this.error(p, `'${key}' must be a list, got ${shown(v)}`);
      return undefined;
    }
    if (v.length > max) {
      this.error(p, `'${key}' holds ${v.length} ${what}, more than the ${max} a schema file may hold; ignoring them`);
      return undefined;
    }
    return v;
  }

  /** The attributes at `o.customAttributes`, each of `object` (and `klass`), in a container at `at`. */
  attributes(o: Json, at: string, object: OrgObjectType | 'kobject', klass?: string): OrgAttribute[] {
    const list = this.list(o, 'customAttributes', at, orgSchemaLimits.maxAttributes, 'attributes');
    if (list === undefined) {
      if (own(o, 'customAttributes') === undefined) this.error(`${at}/customAttributes`, "'customAttributes' is missing");
      return [];
    }
    const out: OrgAttribute[] = [];
    const seen = new Set<string>();
    list.forEach((entry, i) => {
      const a = this.attribute(entry, `${at}/customAttributes/${i}`, object, klass);
      if (a === null) return;
      if (seen.has(a.name)) {
        this.error(`${at}/customAttributes/${i}`, `'${a.name}' is defined more than once; the first definition is used`);
        return;
      }
      seen.add(a.name);
      out.push(a);
    });
    return out;
  }

  attribute(entry: unknown, at: string, object: OrgObjectType | 'kobject', klass?: string): OrgAttribute | null {
    if (!isObject(entry)) {
      this.error(at, `an attribute must be an object with a name, got ${shown(entry)}`);
      return null;
    }
    const name = this.string(entry, 'name', at, true);
    if (name === undefined) return null;
    const parsed = parseCustomName(name);
    if (!parsed.ok) {
      const hint = parsed.suggestions.length > 0 ? ` (did you mean ${parsed.suggestions.join(', ')}?)` : '';
      this.error(`${at}/name`, `'${name}' ${parsed.message}${hint}`);
      return null;
    }
    const expected = klass === undefined ? `${object}_custom_` : `kobject_custom_${klass}_`;
    if (parsed.object !== object || parsed.klass !== klass) {
      this.error(`${at}/name`, `'${name}' does not belong here: attributes here are named ${expected}<name><Suffix>`);
      return null;
    }
    // The kind: `kind` when valid and compatible with the suffix; else the metadata `type`; else the suffix.
    let kind: FieldKind = parsed.kind;
    const declared = own(entry, 'kind');
    const type = own(entry, 'type');
    if (declared !== undefined) {
      if (typeof declared === 'string' && (fieldKinds as readonly string[]).includes(declared)) {
        const k = kindOfMetadataType(declared === 'string_notanalyzed' || declared === 'list' ? 'string' : declared, parsed.kind);
        if (k.warning !== undefined) this.warn(`${at}/kind`, `kind '${declared}' contradicts the ${parsed.suffix} suffix; using ${parsed.kind}`);
        else kind = declared as FieldKind;
      } else {
        this.warn(`${at}/kind`, `kind ${shown(declared)} is not one of ${fieldKinds.join(', ')}; using ${parsed.kind} from the ${parsed.suffix} suffix`);
      }
    } else {
      const k = kindOfMetadataType(type, parsed.kind);
      if (k.warning !== undefined) this.warn(`${at}/type`, k.warning);
      kind = k.kind;
    }
    const out: { -readonly [K in keyof OrgAttribute]: OrgAttribute[K] } = { name, kind };
    if (type !== undefined) {
      const t = this.string(entry, 'type', at, false);
      if (t !== undefined) out.type = t;
    }
    const displayName = this.string(entry, 'displayName', at, false);
    if (displayName !== undefined) out.displayName = displayName;
    const values = this.values(entry, at, kind);
    if (values !== undefined) out.values = values;
    if (own(entry, 'tree') !== undefined) {
      const budget = { nodes: 0 };
      const tree = this.options(own(entry, 'tree'), `${at}/tree`, 1, budget);
      if (tree !== undefined) {
        if (kind === 'number' || kind === 'boolean' || kind === 'datetime') {
          this.warn(`${at}/tree`, `an option tree gives string values, but '${name}' is a ${kind} attribute; ignoring the tree`);
        } else if (tree.length > 0) out.tree = tree;
      }
    }
    const multi = this.boolean(entry, 'multi', at);
    if (multi !== undefined) out.multi = multi;
    const target = this.string(entry, 'target', at, false);
    if (target !== undefined) out.target = target;
    return out;
  }

  /** `values`: a non-empty list of scalars of the kind's JSON type. */
  values(entry: Json, at: string, kind: FieldKind): (string | number | boolean)[] | undefined {
    const list = this.list(entry, 'values', at, orgSchemaLimits.maxOptions, 'values');
    if (list === undefined) return undefined;
    const fits = (v: unknown) =>
      kind === 'number'
        ? typeof v === 'number' && Number.isFinite(v)
        : kind === 'boolean'
          ? typeof v === 'boolean'
          : typeof v === 'string' && v.length <= orgSchemaLimits.maxStringLength;
    const out: (string | number | boolean)[] = [];
    list.forEach((v, i) => {
      if (fits(v)) {
        if (!out.includes(v as string | number | boolean)) out.push(v as string | number | boolean);
      } else {
        const expected = kind === 'number' ? 'a number' : kind === 'boolean' ? 'true or false' : 'a string';
        this.warn(`${at}/values/${i}`, `a value of a ${kind} attribute must be ${expected}, got ${shown(v)}; ignoring it`);
      }
    });
    return out.length > 0 ? out : undefined;
  }

  /** An option tree level: `[{id, displayName, children?}]`, depth and node count bounded. */
  options(value: unknown, at: string, depth: number, budget: { nodes: number }): OrgOption[] | undefined {
    if (!Array.isArray(value)) {
      this.warn(at, `an option tree must be a list of {id, displayName, children?}, got ${shown(value)}; ignoring it`);
      return undefined;
    }
    if (depth > orgSchemaLimits.maxTreeDepth) {
      this.error(at, `the option tree is deeper than ${orgSchemaLimits.maxTreeDepth} levels; ignoring this level`);
      return undefined;
    }
    const out: OrgOption[] = [];
    const ids = new Set<string>();
    for (let i = 0; i < value.length; i++) {
      const p = `${at}/${i}`;
      if (++budget.nodes > orgSchemaLimits.maxOptions) {
        this.error(p, `the option tree has more than ${orgSchemaLimits.maxOptions} options; ignoring the rest`);
        break;
      }
      const node = value[i];
      if (!isObject(node)) {
        this.warn(p, `an option must be an object {id, displayName, children?}, got ${shown(node)}; ignoring it`);
        continue;
      }
      const id = this.string(node, 'id', p, true);
      const displayName = this.string(node, 'displayName', p, true);
      if (id === undefined || displayName === undefined) continue;
      if (ids.has(id)) {
        this.warn(`${p}/id`, `option id '${shown(id)}' appears twice at this level; ignoring the second`);
        continue;
      }
      ids.add(id);
      const children = own(node, 'children');
      if (children === undefined || (Array.isArray(children) && children.length === 0)) out.push({ id, displayName });
      else {
        const sub = this.options(children, `${p}/children`, depth + 1, budget);
        out.push(sub !== undefined && sub.length > 0 ? { id, displayName, children: sub } : { id, displayName });
      }
    }
    return out;
  }

  /** A lookup list at `lookups[key]`: entries with a non-empty `id` and `name`, ids unique. */
  lookup<T extends { id: string; name: string }>(
    o: Json,
    key: string,
    at: string,
    extra: (entry: Json, p: string, out: Record<string, unknown>) => void,
  ): T[] | undefined {
    const list = this.list(o, key, at, orgSchemaLimits.maxLookupEntries, 'entries');
    if (list === undefined) return undefined;
    const out: T[] = [];
    const ids = new Set<string>();
    list.forEach((entry, i) => {
      const p = `${at}/${key}/${i}`;
      if (!isObject(entry)) {
        this.warn(p, `an entry must be an object {id, name, …}, got ${shown(entry)}; ignoring it`);
        return;
      }
      const before = this.problems.length;
      const id = this.string(entry, 'id', p, true);
      const name = this.string(entry, 'name', p, true);
      if (id === undefined || name === undefined) {
        // Demote: a bad lookup entry only loses that entry.
        for (let k = before; k < this.problems.length; k++) this.problems[k] = { ...this.problems[k]!, severity: 'warning', message: `${this.problems[k]!.message}; ignoring the entry` };
        return;
      }
      if (ids.has(id)) {
        this.warn(`${p}/id`, `id '${shown(id)}' appears twice; ignoring the second entry`);
        return;
      }
      ids.add(id);
      const item: Record<string, unknown> = { id, name };
      extra(entry, p, item);
      out.push(item as T);
    });
    return out;
  }
}

/**
 * Reads an org schema file (types.ts; written by `kq schema pull`): `input` is the file's text (JSON) or an already
 * parsed value. Never throws.
 *
 * Returns the schema with only the usable parts, and the problems, each with a JSON Pointer (RFC 6901) into the
 * input and a severity:
 * - `error`, `schema: null`: text longer than `orgSchemaLimits.maxTextLength` (checked before parsing), text that is
 *   not JSON, a value that is not an object, a `version` other than 1 (a newer file needs a newer package), or no
 *   `objects` object;
 * - `error`, part dropped: an attribute whose name is malformed or does not belong where it stands (a
 *   `conversation_custom_…` name under `objects.customer`, a `kobject_custom_<other>_…` name in a klass), duplicate
 *   names and klasses, a list over its bound (`orgSchemaLimits`), a klass name that is not `[A-Za-z0-9_-]+`;
 * - `warning`, read with a fallback: a missing or malformed `pulledAt`; an unknown `kind` or metadata `type` string,
 *   or one that contradicts the name's suffix (the suffix decides, as Kustomer types custom attributes by it:
 *   kustomer-api-live.md §2a); values of the wrong JSON type, malformed tree options and lookup entries (skipped);
 *   unknown top-level or object keys (ignored, so a later minor addition does not break reading).
 */
export function readOrgSchema(input: unknown): OrgSchemaRead {
  const r = new Reader();
  let value: unknown = input;
  if (typeof input === 'string') {
    if (input.length > orgSchemaLimits.maxTextLength) {
      r.error('', `the schema file is ${input.length} characters long, more than the ${orgSchemaLimits.maxTextLength} read (is it a schema file?)`);
      return { schema: null, problems: r.problems };
    }
    try {
      value = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch (e) {
      r.error('', `the schema file is not JSON: ${(e as Error).message}`);
      return { schema: null, problems: r.problems };
    }
  }
  if (!isObject(value)) {
    r.error('', `a schema file holds a JSON object {"version": 1, "objects": …}, got ${shown(value)}`);
    return { schema: null, problems: r.problems };
  }
  const version = own(value, 'version');
  if (version !== orgSchemaVersion) {
    r.error(
      '/version',
      version === undefined
        ? `'version' is missing (this package reads version ${orgSchemaVersion})`
        : `version ${shown(version)} is not read by this package (it reads version ${orgSchemaVersion}); pull the schema again`,
    );
    return { schema: null, problems: r.problems };
  }
  const objectsValue = own(value, 'objects');
  if (!isObject(objectsValue)) {
    r.error('/objects', `'objects' must be an object {customer: {customAttributes: […]}, …}, got ${shown(objectsValue)}`);
    return { schema: null, problems: r.problems };
  }
  const known = new Set(['version', 'pulledAt', 'org', 'objects', 'klasses', 'lookups', 'currentUser', 'gaps']);
  for (const key of Object.keys(value)) if (!known.has(key)) r.warn(`/${token(key)}`, `unknown key '${shown(key)}'; ignoring it`);

  let pulledAt = own(value, 'pulledAt');
  if (typeof pulledAt !== 'string' || !isoInstant.test(pulledAt) || Number.isNaN(Date.parse(pulledAt))) {
    r.warn('/pulledAt', `'pulledAt' must be an ISO-8601 instant such as 2025-06-01T12:00:00.000Z, got ${shown(pulledAt)}; the schema's age is unknown`);
    pulledAt = '';
  }

  const objects: { [T in OrgObjectType]?: OrgObject } = {};
  for (const key of Object.keys(objectsValue)) {
    const at = `/objects/${token(key)}`;
    if (!(orgObjectTypes as readonly string[]).includes(key)) {
      r.error(at, `'${shown(key)}' is not an object type with custom attributes (${orgObjectTypes.join(', ')}; custom objects go in 'klasses')`);
      continue;
    }
    const o = own(objectsValue, key);
    if (!isObject(o)) {
      r.error(at, `must be an object {customAttributes: […]}, got ${shown(o)}`);
      continue;
    }
    objects[key as OrgObjectType] = { customAttributes: r.attributes(o, at, key as OrgObjectType) };
  }

  const klasses: OrgKlass[] = [];
  const klassList = r.list(value, 'klasses', '', orgSchemaLimits.maxKlasses, 'klasses') ?? [];
  const klassNames = new Set<string>();
  klassList.forEach((entry, i) => {
    const at = `/klasses/${i}`;
    if (!isObject(entry)) {
      r.error(at, `a klass must be an object {name, displayName?, customAttributes}, got ${shown(entry)}`);
      return;
    }
    const name = r.string(entry, 'name', at, true);
    if (name === undefined) return;
    if (!klassPattern.test(name)) {
      r.error(`${at}/name`, `klass name '${shown(name)}' has characters other than letters, digits, '-' and '_'`);
      return;
    }
    if (klassNames.has(name)) {
      r.error(`${at}/name`, `klass '${name}' is defined more than once; the first definition is used`);
      return;
    }
    klassNames.add(name);
    const displayName = r.string(entry, 'displayName', at, false);
    const customAttributes = r.attributes(entry, at, 'kobject', name);
    klasses.push(displayName !== undefined ? { name, displayName, customAttributes } : { name, customAttributes });
  });

  const lookups: { -readonly [K in keyof OrgLookups]: OrgLookups[K] } = {};
  const lookupsValue = own(value, 'lookups');
  if (lookupsValue !== undefined && !isObject(lookupsValue)) {
    r.error('/lookups', `'lookups' must be an object {tags?, users?, teams?, queues?}, got ${shown(lookupsValue)}`);
  } else if (lookupsValue !== undefined) {
    const at = '/lookups';
    for (const key of Object.keys(lookupsValue)) {
      if (!['tags', 'users', 'teams', 'queues'].includes(key)) r.warn(`${at}/${token(key)}`, `unknown lookup '${shown(key)}'; ignoring it`);
    }
    const flag = (name: string) => (e: Json, p: string, out: Record<string, unknown>) => {
      const b = r.boolean(e, name, p);
      if (b === true) out[name] = true;
    };
    const text = (name: string) => (e: Json, p: string, out: Record<string, unknown>) => {
      const s = r.string(e, name, p, false);
      if (s !== undefined) out[name] = s;
    };
    const both =
      (...fs: ((e: Json, p: string, out: Record<string, unknown>) => void)[]) =>
      (e: Json, p: string, out: Record<string, unknown>) => {
        for (const f of fs) f(e, p, out);
      };
    const tags = r.lookup<OrgTag>(lookupsValue, 'tags', at, flag('deleted'));
    if (tags) lookups.tags = tags;
    const users = r.lookup<OrgUser>(lookupsValue, 'users', at, both(text('email'), text('displayName'), flag('deleted')));
    if (users) lookups.users = users;
    const teams = r.lookup<OrgTeam>(lookupsValue, 'teams', at, both(text('displayName'), flag('deleted')));
    if (teams) lookups.teams = teams;
    const queues = r.lookup<OrgQueue>(lookupsValue, 'queues', at, both(text('displayName'), flag('system')));
    if (queues) lookups.queues = queues;
  }

  const schema: { -readonly [K in keyof OrgSchema]: OrgSchema[K] } = {
    version: orgSchemaVersion,
    pulledAt: pulledAt as string,
    objects,
    klasses,
    lookups,
  };
  const orgValue = own(value, 'org');
  if (orgValue !== undefined) {
    if (!isObject(orgValue)) r.warn('/org', `'org' must be an object {baseUrl?, id?, name?}; ignoring it`);
    else {
      const org: { -readonly [K in keyof OrgInfo]: OrgInfo[K] } = {};
      for (const key of ['baseUrl', 'id', 'name'] as const) {
        const s = r.string(orgValue, key, '/org', false);
        if (s !== undefined) org[key] = s;
      }
      schema.org = org;
    }
  }
  const current = own(value, 'currentUser');
  if (current !== undefined) {
    const users = r.lookup<OrgUser>({ currentUser: [current] }, 'currentUser', '', (e, p, out) => {
      for (const key of ['email', 'displayName']) {
        const s = r.string(e, key, p, false);
        if (s !== undefined) out[key] = s;
      }
    });
    // Pointers of the wrapped list read /currentUser/0: point at /currentUser.
    for (const p of r.problems) if (p.pointer.startsWith('/currentUser/0')) (p as { pointer: string }).pointer = `/currentUser${p.pointer.slice(14)}`;
    if (users?.[0] !== undefined) schema.currentUser = users[0];
  }
  const gapList = r.list(value, 'gaps', '', 1_000, 'gaps');
  if (gapList !== undefined) {
    const gaps: OrgGap[] = [];
    gapList.forEach((g, i) => {
      if (!isObject(g)) return r.warn(`/gaps/${i}`, 'a gap must be an object {resource, message}; ignoring it');
      const resource = r.string(g, 'resource', `/gaps/${i}`, false);
      const message = r.string(g, 'message', `/gaps/${i}`, false);
      if (resource !== undefined) gaps.push({ resource, message: message ?? '' });
    });
    if (gaps.length > 0) schema.gaps = gaps;
  }
  return { schema, problems: r.problems };
}
