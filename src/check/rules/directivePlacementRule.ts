/**
 * DirectivePlacementRule: `sort:`, `context:`/`in:` and `tz:` set the whole body, so they stand at the top level
 * of the query, joined to it by AND — not inside an OR, under a negation, or in a group that is (KQ2012).
 * Parentheses that change nothing (a group directly in the top-level AND) leave no trace in the AST and are fine.
 */
import { diagnostic } from '../../diagnostics/diagnostic.js';
import type * as A from '../../syntax/ast.js';
import type { Rule } from '../context.js';

const directiveName = { Sort: 'sort', Context: 'context', TimeZone: 'tz' } as const;

export const DirectivePlacementRule: Rule = (ctx) => {
  const topLevel = (parent: A.Node | null) =>
    parent === null ||
    parent.kind === 'Query' ||
    (parent.kind === 'And' && ctx.ast.body === parent);
  const check = (node: A.Directive, parent: A.Node | null) => {
    if (topLevel(parent)) return;
    // `a OR b sort:x` reads as `a OR (b sort:x)`: AND binds tighter than OR, and directives bind like terms.
    const under = parent?.kind === 'Or' || parent?.kind === 'Not' || parent?.kind === 'And' ? parent.kind : 'other';
    ctx.report(diagnostic('MisplacedDirective', node.span, { directive: directiveName[node.kind], parent: under }));
  };
  return { Sort: check, Context: check, TimeZone: check };
};
