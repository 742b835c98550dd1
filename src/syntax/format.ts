/**
 * `format`: query text (or an AST) → canonical query text. The printing rules are printer.ts's.
 */
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { resolveLimits, type ParseOptions } from '../options.js';
import type * as A from './ast.js';
import { parse } from './parse.js';
import { isPrintableName, print } from './printer.js';

/**
 * The result of {@link format}.
 * - `text`: the canonical text; absent when the input has syntax errors (or is an AST that cannot be printed);
 * - `diagnostics`: the syntax errors, or the warnings of a query that formatted (e.g. KQ1012 for a lower-case `or`).
 */
export interface FormatResult {
  readonly text?: string;
  readonly diagnostics: Diagnostic[];
}

const noSpan: A.Span = { start: 0, end: 0 };

/**
 * The canonical text of a query: upper-case keywords, one space between terms, the shortest operator spelling,
 * parentheses only where precedence needs them, values quoted only when they must be, directives last in the
 * order `context:` `tz:` `sort:` (see printer.ts). `parse(format(q).text)` gives the same AST as `parse(q)` up to
 * spans and the directives' position, and `format` is idempotent.
 *
 * `input` is the text (UTF-16, at most `opts.maxLength` code units) or a `Query` AST as `parse` returns it.
 * Formatting never guesses: a query with syntax errors gives back only its diagnostics (KQ1xxx). An AST from
 * elsewhere is checked first (node kinds, operators, names the lexer reads as field names, string values, at most
 * `opts.maxDepth` levels): anything else is KQ4012. Canonical text longer than `opts.maxLength` (explicit ` AND `s
 * make it longer than terse input) is KQ1015, so that the text always parses with the same options. Only syntax is
 * checked: unknown fields still format (use `check` for those). Never throws.
 */
export function format(input: string | A.Query, opts: ParseOptions = {}): FormatResult {
  opts ??= {};
  const limits = resolveLimits(opts);
  let ast: A.Query;
  let diagnostics: Diagnostic[] = [];
  if (typeof input === 'string') {
    const parsed = parse(input, opts);
    if (!parsed.ast || hasErrors(parsed.diagnostics)) return { diagnostics: parsed.diagnostics };
    ast = parsed.ast;
    diagnostics = parsed.diagnostics;
  } else {
    const problem = unprintable(input, limits.maxDepth);
    if (problem) return { diagnostics: [diagnostic('UnprintableNode', problem.span ?? noSpan, { reason: problem.reason })] };
    ast = input;
  }
  let text: string;
  try {
    text = print(ast);
  } catch (e) {
    return { diagnostics: [diagnostic('InternalError', noSpan, { error: e instanceof Error ? e.message : String(e), report: 'query' })] };
  }
  if (text.length > limits.maxLength) {
    return {
      diagnostics: [
        diagnostic('TooLong', noSpan, { length: text.length, max: limits.maxLength, of: 'canonical' }),
      ],
    };
  }
  return { text, diagnostics };
}

const comparisonOperators: ReadonlySet<unknown> = new Set(['=', ':', '!=', '~', '>', '>=', '<', '<=']);
const listOperators: ReadonlySet<unknown> = new Set([':', '=', '~', '!=']);

type Problem = { reason: string; span?: A.Span };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isValue = (v: unknown): boolean => isObject(v) && v.kind === 'Value' && typeof v.value === 'string';
const isName = (v: unknown): boolean => isObject(v) && v.kind === 'Name' && typeof v.value === 'string';
const spanOf = (v: Record<string, unknown>): A.Span | undefined => {
  const s = v.span;
  return isObject(s) && typeof s.start === 'number' && typeof s.end === 'number' ? { start: s.start, end: s.end } : undefined;
};

/** Why an AST from elsewhere cannot be printed faithfully, or null. Iterative: any depth is safe. */
function unprintable(root: unknown, maxDepth: number): Problem | null {
  if (!isObject(root) || root.kind !== 'Query') return { reason: 'expected query text or a Query node' };
  if (!('body' in root)) return { reason: 'the Query has no body (null for an empty query)' };
  const stack: [unknown, number][] = root.body === null ? [] : [[root.body, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!isObject(node)) return { reason: `expected a node, found ${node === null ? 'null' : typeof node}` };
    const at = spanOf(node);
    const fail = (reason: string): Problem => (at ? { reason, span: at } : { reason });
    if (depth > maxDepth) return fail(`it nests deeper than ${maxDepth} levels`);
    const fieldOk = () => isName(node.field) && isPrintableName((node.field as A.Name).value);
    switch (node.kind) {
      case 'And':
      case 'Or':
        if (!Array.isArray(node.operands) || node.operands.length === 0) return fail(`an ${node.kind} without operands`);
        for (const o of node.operands) stack.push([o, depth + 1]);
        break;
      case 'Not':
        stack.push([node.operand, depth + 1]);
        break;
      case 'Comparison':
        if (!fieldOk()) return fail('a term whose field is not a name the lexer reads');
        if (!comparisonOperators.has(node.operator)) return fail(`unknown operator '${String(node.operator)}'`);
        if (!isValue(node.value)) return fail('a Comparison without a string Value');
        break;
      case 'List':
        if (!fieldOk()) return fail('a term whose field is not a name the lexer reads');
        if (!listOperators.has(node.operator)) return fail(`a list takes ':', '=', '~' or '!=', not '${String(node.operator)}'`);
        if (!Array.isArray(node.values) || node.values.length < 2 || !node.values.every(isValue)) return fail('a List needs two or more string Values');
        break;
      case 'Range': {
        if (!fieldOk()) return fail('a term whose field is not a name the lexer reads');
        const { lower, upper, lowerInclusive, upperInclusive } = node;
        if ((lower !== null && !isValue(lower)) || (upper !== null && !isValue(upper))) return fail('a Range bound must be a string Value or null');
        if (lower === null && upper === null) return fail('a Range with both bounds open');
        if (typeof lowerInclusive !== 'boolean' || typeof upperInclusive !== 'boolean') return fail('a Range without inclusive flags');
        if ((lower === null && !lowerInclusive) || (upper === null && !upperInclusive)) return fail('an open Range bound is inclusive');
        break;
      }
      case 'Exists':
        if (!isName(node.field)) return fail('an Exists without a field Name');
        break;
      case 'Text':
        if (typeof node.value !== 'string') return fail('a Text without a string value');
        break;
      case 'Sort':
        if (!isName(node.field)) return fail('a Sort without a field Name');
        if (node.direction !== 'asc' && node.direction !== 'desc') return fail(`a sort direction is 'asc' or 'desc', not '${String(node.direction)}'`);
        break;
      case 'Context':
      case 'TimeZone':
        if (!isValue(node.value)) return fail(`a ${node.kind} without a string Value`);
        break;
      default:
        return fail(`unknown node kind '${String(node.kind)}'`);
    }
  }
  return null;
}
