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

/**
 * The canonical text of a query: upper-case keywords, one space between terms, the shortest operator spelling,
 * parentheses only where precedence needs them, values quoted only when they must be, directives last in the
 * order `context:` `tz:` `sort:` (see printer.ts). `parse(format(q).text)` gives the same AST as `parse(q)` up to
 * spans and the directives' position, and `format` is idempotent.
 *
 * `input` is the text (UTF-16, at most `opts.maxLength` code units) or a `Query` AST as `parse` returns it.
 * Formatting never guesses: a query with syntax errors gives back only its diagnostics (KQ1xxx). An AST from
 * elsewhere is checked first: a term whose field name the lexer would not read as a name, or nesting deeper than
 * `opts.maxDepth`, is KQ4012. Only syntax is checked: unknown fields still format (use `check` for those).
 * Never throws.
 */
export function format(input: string | A.Query, opts: ParseOptions = {}): FormatResult {
  if (typeof input === 'string' || typeof input !== 'object' || input === null) {
    const parsed = parse(String(input), opts);
    if (!parsed.ast || hasErrors(parsed.diagnostics)) return { diagnostics: parsed.diagnostics };
    return { text: print(parsed.ast), diagnostics: parsed.diagnostics };
  }
  const problem = unprintable(input, resolveLimits(opts).maxDepth);
  if (problem) return { diagnostics: [diagnostic('UnprintableNode', problem.span ?? { start: 0, end: 0 }, [problem.reason])] };
  return { text: print(input), diagnostics: [] };
}

/** Why an AST from elsewhere cannot be printed faithfully, or null. Iterative: any depth is safe. */
function unprintable(root: A.Query, maxDepth: number): { reason: string; span?: A.Span } | null {
  if (root.kind !== 'Query') return { reason: 'the root is not a Query node' };
  const stack: [A.Expression, number][] = root.body ? [[root.body, 1]] : [];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > maxDepth) return { reason: `it nests deeper than ${maxDepth} levels`, span: node.span };
    switch (node?.kind) {
      case 'And':
      case 'Or':
        if (!Array.isArray(node.operands) || node.operands.length === 0) return { reason: `an ${node.kind} without operands`, span: node.span };
        for (const o of node.operands) stack.push([o, depth + 1]);
        break;
      case 'Not':
        stack.push([node.operand, depth + 1]);
        break;
      case 'Comparison':
      case 'Range':
      case 'List':
        if (typeof node.field?.value !== 'string' || !isPrintableName(node.field.value)) {
          return { reason: `'${String(node.field?.value)}' is not a field name the lexer reads`, span: node.span };
        }
        break;
      case 'Exists':
      case 'Text':
      case 'Sort':
      case 'Context':
      case 'TimeZone':
        break;
      default:
        return { reason: `unknown node kind '${String((node as { kind?: unknown })?.kind)}'` };
    }
  }
  return null;
}
