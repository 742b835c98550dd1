/**
 * Names of tags, users, teams and queues where an attribute holds their ids: `conversation_tags:billing`,
 * `conversation_assigned_users:ada@example.com`, `conversation_assigned_users:"Ada Lovelace"`,
 * `conversation_assigned_teams:"Tier 2"`, `conversation_queue:billing`, `conversation_assigned_users:@me`.
 *
 * Part of the values rule (valuesRule.ts calls {@link typeLookupValue} before the schema check): when the field
 * holds ids (src/schema/lookups/fields.ts) and the operator compares whole values (`equals`, `in`), a value that is
 * not a 24-hex id is resolved through the options' lookups (src/schema/lookups/table.ts `resolveName`), and the
 * typed value carries the id — so the lowering and the emitter send ids without looking anything up — together with
 * the entry (the name as written stays in the `Value` node, for hover and explain). Reports:
 * - KQ2040 an unknown name (did you mean: the nearest names, bounded by an index by length);
 * - KQ2041 an ambiguous name (two users named "Sam Lee": their ids and e-mails; the e-mails as suggestions);
 * - KQ2042 `@me` when the options have no current user (no schema, or a schema that does not record one);
 * - KQ2043 (warning) a name matched only ignoring case.
 * A 24-hex id is left to the schema check, unchanged, as are values of a kind the lookups have no list for (not
 * pulled: unknown, so no error for a name there — user, team and queue fields still require ids then).
 */
import { diagnostic } from '../../diagnostics/diagnostic.js';
import type { FieldInfo } from '../../schema/index.js';
import { isLookupId, lookupKindOf, lookupNoun, resolveName } from '../../schema/lookups/index.js';
import type * as A from '../../syntax/ast.js';
import type { CheckContext } from '../context.js';

/**
 * Types `value` of `field` through the lookups when it is a name (see the module comment). Returns true when it
 * did (the value is typed, or a diagnostic was reported), false when the value is for the usual checks (not an
 * id-holding field, a 24-hex id, or no list of that kind).
 */
export function typeLookupValue(ctx: CheckContext, field: FieldInfo, value: A.Value): boolean {
  const kind = lookupKindOf(field);
  if (kind === null || isLookupId(value.value)) return false;
  const r = resolveName(ctx.lookups, kind, value.value);
  if (r === null) return false;
  const noun = lookupNoun(kind);
  if (r.ok) {
    ctx.valueOf.set(value, { type: 'json', value: r.entry.id, lookup: r.entry });
    if (r.match === 'case') {
      ctx.report(diagnostic('NameCase', value.span, { value: value.value, noun, name: r.entry.name }, { suggestions: [r.entry.name] }));
    }
    return true;
  }
  switch (r.problem) {
    case 'noCurrentUser':
      ctx.report(diagnostic('NoCurrentUser', value.span, { field: field.name, schema: ctx.lookups !== null }));
      return true;
    case 'ambiguous':
      ctx.report(
        diagnostic(
          'AmbiguousName',
          value.span,
          {
            value: value.value,
            noun,
            field: field.name,
            candidates: r.candidates.map((c) => (c.email !== undefined ? { id: c.id, email: c.email } : { id: c.id })),
          },
          { suggestions: [...r.suggestions] },
        ),
      );
      return true;
    case 'unknown':
      ctx.report(diagnostic('UnknownName', value.span, { value: value.value, noun, field: field.name }, { suggestions: [...r.suggestions] }));
      return true;
  }
}



