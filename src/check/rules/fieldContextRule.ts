/**
 * FieldContextRule (KQ2027, warning): a field whose object cannot be the one the query's context searches.
 *
 * The rule, from the evidence (kustomer-search-api.md):
 * - Attributes of another object than the context's are used and documented: a customer search on
 *   `conversation_status`, a conversation search on `customer_email`, a message search on `conversation_*`, and the
 *   standard-attribute example mixing customer and conversation attributes (§1.2, "Attributes may belong to a
 *   different object than queryContext"); a record matches when a related object does (§1.2, inferred). So no
 *   warning for a field of another standard object: `context:message conversation_status:open` is such a search.
 * - Where the reference is silent (a note or company search on another object's attributes, one custom object's
 *   attributes in another klass's search) there is no warning either: it may work.
 * - A `kobject_<klass>` context names the klass exactly as its attributes do (`kobject_custom_<klass>_<name>`, §3 and
 *   §5.2). A field of a klass whose name differs from the context's only in letter case or in `-` versus `_`
 *   (`context:kobject_Order` with `kobject_custom_order_totalNum`) is almost surely the same klass misspelled: that
 *   is the one case warned about, naming the field's own context.
 */
import { diagnostic } from '../../diagnostics/diagnostic.js';
import type * as A from '../../syntax/ast.js';
import type { CheckContext, RuleDefinition } from '../context.js';

/** A klass context in a form that ignores letter case and `-`/`_`. */
const loose = (context: string) => context.toLowerCase().replace(/-/g, '_');

function check(name: A.Name, ctx: CheckContext): void {
  const field = ctx.fieldOf.get(name);
  const own = field?.context;
  const context = ctx.queryContext;
  if (own === undefined || own === null || own === context) return;
  if (!own.startsWith('kobject_') || !context.startsWith('kobject_') || loose(own) !== loose(context)) return;
  ctx.report(diagnostic('FieldOutsideContext', name.span, { field: name.value, fieldContext: own, context }));
}

export const FieldContextRule: RuleDefinition = {
  name: 'FieldContextRule',
  visit: {
    Comparison: (n, _p, ctx) => check(n.field, ctx),
    Range: (n, _p, ctx) => check(n.field, ctx),
    List: (n, _p, ctx) => check(n.field, ctx),
    Exists: (n, _p, ctx) => check(n.field, ctx),
  },
};
