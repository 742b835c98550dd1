/**
 * FieldNamesRule: every field a term names is a standard attribute or a well-formed custom attribute (and, when
 * the org's custom attributes are given, one of them). Reports KQ2001 (unknown, with "did you mean"), KQ2002
 * (custom attribute without a valid type suffix), KQ2003 (custom attribute not in the org's list).
 *
 * Source: the standard-fields JSON Schema and the custom-attribute naming rules of the Kustomer Customer Search
 * doc ("Custom Fields on Standard Objects", "Custom Objects").
 */
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { ResolveProblem } from '../../schema/index.js';
import type * as A from '../../syntax/ast.js';
import type { Span } from '../../syntax/ast.js';
import type { CheckContext, RuleDefinition } from '../context.js';

/**
 * The diagnostic of a field name `name` (as written, at `span`) that does not resolve: KQ2001, KQ2002 or KQ2003 by
 * the resolver's problem, with its suggestions. Also what `describe` says about such a name.
 */
export function unresolvedNameDiagnostic(name: string, span: Span, r: ResolveProblem & { readonly suggestions: readonly string[] }): Diagnostic {
  const extras = { suggestions: r.suggestions };
  switch (r.problem) {
    case 'unknownField':
      return diagnostic('UnknownField', span, { name, sortOnly: r.sortOnly }, extras);
    case 'customSuffix':
      return diagnostic('CustomAttributeSuffix', span, { name, problem: r.detail }, extras);
    case 'unknownCustom':
      return diagnostic('UnknownCustomAttribute', span, { name, scope: r.scope, siblings: r.siblings, ...(r.unknownKlass !== undefined ? { unknownKlass: r.unknownKlass, klasses: r.klasses ?? [] } : {}) }, extras);
  }
}

function checkName(n: A.Comparison | A.Range | A.List | A.Exists, _parent: A.Node | null, ctx: CheckContext): void {
  const name = n.field;
  const r = ctx.resolved.get(name);
  if (!r || r.ok) return;
  ctx.report(unresolvedNameDiagnostic(name.value, name.span, r));
}

export const FieldNamesRule: RuleDefinition = {
  name: 'FieldNamesRule',
  visit: { Comparison: checkName, Range: checkName, List: checkName, Exists: checkName },
};
