/**
 * DirectivePlacementRule: `sort:`, `context:`/`in:` and `tz:` set the whole body, so they stand at the top level
 * of the query, joined to it by AND — not inside an OR, under a negation, or in a group that is (KQ2012).
 * Parentheses that change nothing (a group directly in the top-level AND) leave no trace in the AST and are fine.
 */
import { diagnostic } from '../../diagnostics/diagnostic.js';
import type * as A from '../../syntax/ast.js';
import type { CheckContext, RuleDefinition } from '../context.js';

const directiveName = { Sort: 'sort', Context: 'context', TimeZone: 'tz' } as const;

function check(node: A.Directive, parent: A.Node | null, ctx: CheckContext): void {
  if (parent === null || parent.kind === 'Query' || (parent.kind === 'And' && ctx.ast.body === parent)) return;
  // `a OR b sort:x` reads as `a OR (b sort:x)`: AND binds tighter than OR, and directives bind like terms.
  const under = parent.kind === 'Or' || parent.kind === 'Not' || parent.kind === 'And' ? parent.kind : 'other';
  ctx.report(diagnostic('MisplacedDirective', node.span, { directive: directiveName[node.kind], parent: under }));
}

export const DirectivePlacementRule: RuleDefinition = {
  name: 'DirectivePlacementRule',
  visit: { Sort: check, Context: check, TimeZone: check },
};
