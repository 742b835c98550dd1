/** `kq fields [pattern]`: the searchable fields with kind, type and allowed values, or the sort keys. */
import { createColors } from 'picocolors';
import { allowedOperators, fieldDetail, naturalMatch, createCatalog, isSortable, listFields, sortableFields, sortOnlyFields } from '../../index.js';
import { type Command, UsageError, compileFlags, compileOptions } from '../common.js';

/**
 * The footer under the list: the count, and what `:` means on each kind listed, whole (never cut):
 * `3 fields. ':' means equals on enum, keyword; contains (whole words) on text.` — kinds grouped by their meaning
 * (naturalMatch), in the order they first appear.
 */
export function fieldsFooter(fields: readonly { readonly kind: Parameters<typeof naturalMatch>[0] }[]): string {
  if (fields.length === 0) return 'No field matches the pattern.';
  const kindsByMeaning = new Map<string, Set<string>>();
  for (const f of fields) {
    const meaning = naturalMatch(f.kind);
    if (!kindsByMeaning.has(meaning)) kindsByMeaning.set(meaning, new Set());
    kindsByMeaning.get(meaning)!.add(f.kind);
  }
  const meanings = [...kindsByMeaning].map(([meaning, kinds]) => `${meaning} on ${[...kinds].join(', ')}`);
  return `${fields.length} field${fields.length === 1 ? '' : 's'}. ':' means ${meanings.join('; ')}.`;
}

/**
 * What a number field takes beyond "a number": its bounds from the schema (`1 to 5`), read from {@link fieldDetail}'s
 * second part; '' when it has none. (A number field is never listed with ids: see `hasIdValues` in
 * src/interactive/docs.ts for `note_attachment_count`.)
 */
function numberDetail(field: Parameters<typeof fieldDetail>[0]): string {
  const part = fieldDetail(field, null).split(' · ')[1];
  return part === undefined || part === 'sortable' ? '' : part;
}

/** `kq fields`. */
export const fieldsCommand: Command = {
  names: ['fields'],
  usage: `  kq fields [pattern]      list the searchable fields with kind, type and allowed values (--sortable: sort keys)`,
  options: { ...compileFlags, sortable: { type: 'boolean' }, json: { type: 'boolean' } },
  run(_name, rest, values, io) {
    if (rest.length > 1) throw new UsageError('kq fields takes at most one pattern');
    const opts = compileOptions(values);
    const { catalog } = createCatalog(opts.customAttributes);
    if (values.sortable) {
      const context = opts.queryContext ?? 'customer';
      const prefix = context.startsWith('kobject') ? 'kobject' : context;
      const names = [...new Set([...sortableFields, `${prefix}_created_at`, `${prefix}_updated_at`])]
        .filter((n) => isSortable(n, context))
        .filter((n) => !rest[0] || n.toLowerCase().includes(rest[0].toLowerCase()));
      if (values.json) io.stdout(`${JSON.stringify(names, null, 2)}\n`);
      else io.stdout(`${names.map((n) => (sortOnlyFields.has(n) ? `${n}  (sort only)` : n)).join('\n')}\n`);
      return 0;
    }
    const fields = listFields(catalog, rest[0]);
    if (values.json) {
      io.stdout(`${JSON.stringify(fields.map((f) => ({ ...f, operators: allowedOperators(f.kind) })), null, 2)}\n`);
      return 0;
    }
    const c = createColors(io.color);
    const width = Math.max(4, ...fields.map((f) => f.name.length));
    const lines = fields.map((f) => {
      const extra = f.enum
        ? `one of ${f.enum.join(', ')}`
        : f.kind === 'number'
          ? numberDetail(f)
          : f.collection
            ? `${f.collection.replace(/s$/, '')} id (24 hex)`
            : '';
      return `${f.name.padEnd(width)}  ${c.cyan(f.kind.padEnd(18))} ${f.schemaType ?? ''}${extra ? `  ${c.dim(extra)}` : ''}`;
    });
    io.stdout(`${lines.map((l) => `${l}\n`).join('')}${c.dim(fieldsFooter(fields))}\n`);
    return fields.length ? 0 : 1;
  },
};
