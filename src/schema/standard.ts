/**
 * Kustomer's standard search attributes, read from `standard-fields.json`: the Kustomer Customer Search doc's
 * "Standard Fields JSON Schema", copied verbatim (kustomer-search-api.md §5.3).
 *
 * Nothing is computed at import: the {@link FieldInfo} table is built on first use ({@link standardFields}) and each
 * value schema on first request ({@link standardValueSchema}), so importing the package costs no walk over the 184
 * attributes.
 */
import { fieldKinds, type FieldKind } from '../options.js';
import schema from './standard-fields.json' with { type: 'json' };
import { objectOf, type FieldInfo } from './types.js';

/** One property of the standard-fields schema, as far as this package reads it. */
interface PropertySchema {
  readonly type?: string;
  readonly enum?: readonly (string | number | boolean)[];
  readonly format?: string;
  readonly pattern?: string;
  readonly collection?: string;
  readonly operator?: string;
  readonly $ref?: string;
  readonly minimum?: number;
  readonly maximum?: number;
}

const rawSchema = schema as unknown as {
  readonly properties: Readonly<Record<string, PropertySchema>>;
  readonly definitions: Readonly<Record<string, PropertySchema>>;
};

const collections: readonly string[] = ['users', 'teams', 'queues'];

/** Whether `name` is a standard attribute (an own property of the schema's `properties`). */
export function isStandardName(name: string): boolean {
  return Object.hasOwn(rawSchema.properties, name);
}

/** A property schema with a local `$ref` (`#/definitions/x`) replaced by the definition it names. */
function resolveRef(property: PropertySchema): PropertySchema {
  if (property.$ref === undefined) return property;
  const match = /^#\/definitions\/([^/]+)$/.exec(property.$ref);
  const key = match?.[1];
  const target = key !== undefined && Object.hasOwn(rawSchema.definitions, key) ? rawSchema.definitions[key] : undefined;
  if (target === undefined) throw new Error(`standard-fields.json: unresolvable $ref ${property.$ref}`);
  const { $ref: _ref, ...rest } = property;
  return { ...target, ...rest };
}

/** The {@link FieldInfo} of every standard attribute, in schema order. Throws on a property with no valid kind. */
function buildStandardFields(): ReadonlyMap<string, FieldInfo> {
  const kinds: readonly string[] = fieldKinds;
  const out = new Map<string, FieldInfo>();
  for (const [name, property] of Object.entries(rawSchema.properties)) {
    const kind = property.operator;
    if (kind === undefined || !kinds.includes(kind)) {
      throw new Error(`standard-fields.json: ${name} has no valid operator kind`);
    }
    const resolved = resolveRef(property);
    const object = objectOf(name);
    const info: {
      -readonly [K in keyof FieldInfo]: FieldInfo[K];
    } = { name, kind: kind as FieldKind, object, context: object, custom: false };
    if (resolved.enum !== undefined) info.enum = Object.freeze([...resolved.enum]);
    if (resolved.collection !== undefined && collections.includes(resolved.collection)) {
      info.collection = resolved.collection as 'users' | 'teams' | 'queues';
    }
    if (resolved.type !== undefined) info.schemaType = resolved.type;
    out.set(name, Object.freeze(info));
  }
  return out;
}

/** A read-only map whose entries `build` makes on the first call of any method. */
class LazyMap<K, V> implements ReadonlyMap<K, V> {
  private built: ReadonlyMap<K, V> | undefined;

  constructor(private readonly build: () => ReadonlyMap<K, V>) {}

  private get map(): ReadonlyMap<K, V> {
    return (this.built ??= this.build());
  }

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    this.map.forEach((value, key) => callback.call(thisArg, value, key, this));
  }

  entries(): MapIterator<[K, V]> {
    return this.map.entries();
  }

  keys(): MapIterator<K> {
    return this.map.keys();
  }

  values(): MapIterator<V> {
    return this.map.values();
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.map[Symbol.iterator]();
  }
}

/**
 * The 184 standard search attributes by name, built from the Kustomer Customer Search doc's "Standard Fields JSON
 * Schema" (`standard-fields.json`) on first use. `object`/`context` come from the name prefix:
 * `conversation_time_*` belong to `conversation`, `kobject_*` to `kobject`; `any_text` and `tracking_events` have
 * neither (`null`).
 */
export const standardFields: ReadonlyMap<string, FieldInfo> = /* @__PURE__ */ new LazyMap(buildStandardFields);

const valueSchemas = /* @__PURE__ */ new Map<string, Readonly<Record<string, unknown>>>();

/**
 * The value schema of a standard attribute: its property in `standard-fields.json` with a `$ref` to
 * `#/definitions/user` inlined (so it compiles on its own), frozen, the same object on every call; `undefined` for
 * other names. Used by `values.ts`, the completion and the field docs.
 */
export function standardValueSchema(name: string): Readonly<Record<string, unknown>> | undefined {
  let out = valueSchemas.get(name);
  if (out === undefined && isStandardName(name)) {
    out = Object.freeze({ ...resolveRef(rawSchema.properties[name]!) });
    valueSchemas.set(name, out);
  }
  return out;
}
