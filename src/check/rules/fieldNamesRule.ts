/**
 * FieldNamesRule: every field a term names is a standard attribute or a well-formed custom attribute (and, when
 * the org's custom attributes are given, one of them). Reports KQ2001 (unknown, with "did you mean"), KQ2002
 * (custom attribute without a valid type suffix), KQ2003 (custom attribute not in the org's list).
 *
 * Source: the standard-fields JSON Schema and the custom-attribute naming rules of the Kustomer Customer Search
 * doc ("Custom Fields on Standard Objects", "Custom Objects").
 */
import { diagnostic } from '../../diagnostics/diagnostic.js';
import type * as A from '../../syntax/ast.js';
import type { Rule } from '../context.js';

export const FieldNamesRule: Rule = (ctx) => {
  const checkName = (name: A.Name) => {
    const r = ctx.resolved.get(name);
    if (!r || r.ok) return;
    const suggestions = r.suggestions;
    const hint = suggestions.length > 0 ? undefined : r.detail;
    switch (r.code) {
      case 'KQ2001':
        ctx.report(
          diagnostic('UnknownField', name.span, [name.value], {
            help: hint ?? (r.detail || "Run 'kq fields' to list the fields."),
            suggestions,
          }),
        );
        return;
      case 'KQ2002':
        ctx.report(diagnostic('CustomAttributeSuffix', name.span, [name.value, r.detail], { suggestions }));
        return;
      case 'KQ2003':
        ctx.report(diagnostic('UnknownCustomAttribute', name.span, [name.value], { help: r.detail, suggestions }));
        return;
    }
  };
  return {
    Comparison: (n) => checkName(n.field),
    Range: (n) => checkName(n.field),
    List: (n) => checkName(n.field),
    Exists: (n) => checkName(n.field),
  };
};
