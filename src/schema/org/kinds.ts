/**
 * From Kustomer's custom attribute metadata `type` strings to this package's operator kinds.
 *
 * Source: kustomer-api-live.md §2a: the metadata gives each property a `type`; only `string` and `number` are seen in
 * any source, and the exact strings for At/Bool/Url/Txt/Id attributes are unknown (§6.6). Kustomer types custom
 * attributes by their name suffix (custom attributes doc, kustomer-search-api.md §5.1), so the suffix decides and the
 * `type` only refines it where it is compatible (e.g. never makes a `Num` attribute a string).
 */
import type { FieldKind } from '../../options.js';

/** The kinds whose values are strings. */
const stringKinds: ReadonlySet<FieldKind> = /* @__PURE__ */ new Set<FieldKind>(['string', 'text', 'list', 'string_notanalyzed']);

/**
 * The metadata `type` strings understood, with the kind each suggests. `string`, `number` are confirmed
 * (kustomer-api-live.md §2a); the others are the JSON-Schema-like names a Kustomer org might send for
 * Bool/At/Txt/Url/Id attributes (an assumption: §6.6 says they are unknown).
 */
const typeKinds: ReadonlyMap<string, FieldKind> = /* @__PURE__ */ new Map<string, FieldKind>([
  ['string', 'string'],
  ['number', 'number'],
  ['integer', 'number'],
  ['boolean', 'boolean'],
  ['bool', 'boolean'],
  ['date', 'datetime'],
  ['datetime', 'datetime'],
  ['date-time', 'datetime'],
  ['text', 'text'],
  ['url', 'string'],
  ['uri', 'string'],
  ['id', 'string_notanalyzed'],
  ['objectid', 'string_notanalyzed'],
]);

/**
 * The kind of a custom attribute whose name's suffix gives `suffixKind` and whose metadata says `type`:
 * - `type` absent: `suffixKind`, no problem;
 * - a known `type` (case-insensitive) whose kind is compatible with the suffix (the same kind, or both string-valued):
 *   the suffix's kind (it is the finer one: `Txt` → text, `Id` → string_notanalyzed), no problem;
 * - an unknown `type` string, or one that contradicts the suffix: `suffixKind`, with a `warning` saying so.
 * Never throws.
 */
export function kindOfMetadataType(type: unknown, suffixKind: FieldKind): { kind: FieldKind; warning?: string } {
  if (type === undefined || type === null) return { kind: suffixKind };
  if (typeof type !== 'string') return { kind: suffixKind, warning: `the metadata type is not a string; using ${suffixKind} from the name's suffix` };
  const shown = type.length > 40 ? `${type.slice(0, 40)}…` : type;
  const kind = typeKinds.get(type.toLowerCase());
  if (kind === undefined) return { kind: suffixKind, warning: `unknown metadata type '${shown}'; using ${suffixKind} from the name's suffix` };
  if (kind === suffixKind || (stringKinds.has(kind) && stringKinds.has(suffixKind))) return { kind: suffixKind };
  return { kind: suffixKind, warning: `metadata type '${shown}' contradicts the name's suffix; using ${suffixKind} from the suffix` };
}
