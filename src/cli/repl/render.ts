/**
 * Showing REPL results: for a terminal, coloured criteria JSON, code-frame diagnostics and the loaded records a
 * query matches (colours from picocolors, off when `color` is false); for pipes, one JSON object per result line.
 *
 * Everything shown comes from user input or records, so text is made terminal-safe: control characters other than
 * newline and tab, C1 controls, and bidi/format characters (which could move the cursor, recolour the terminal or
 * reorder a line) are shown as `\uXXXX` escapes.
 */
import { createColors } from 'picocolors';
import { cutToWidth, renderDiagnostics } from '../../render/index.js';
import type { ReplResult } from './session.js';

/** Characters never written to a terminal as themselves. */
const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;

/** `text` with control, bidi and format characters escaped as `\uXXXX` (newlines and tabs kept). */
export function terminalSafe(text: string): string {
  return text.replace(unsafe, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** JSON text whose strings are also terminal-safe (the escapes keep it valid JSON). */
export function safeJson(value: unknown, indent?: number): string {
  return (JSON.stringify(value, null, indent) ?? 'null').replace(unsafe, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const jsonToken = /("(?:[^"\\]|\\.)*")(\s*:)?|\b(true|false)\b|\bnull\b|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/**
 * JSON laid out for reading a search body: the top-level keys one per line, each item of a top-level array on its
 * own line, and everything deeper on one line (`{"conversation_status":{"equals":"open"}}`). Valid JSON, and
 * terminal-safe as {@link safeJson}.
 */
export function layoutJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return safeJson(value);
  const line = (v: unknown) => safeJson(v);
  if (Array.isArray(value)) return value.length ? `[\n${value.map((v) => `  ${line(v)}`).join(',\n')}\n]` : '[]';
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const body = entries.map(([k, v]) => {
    const key = safeJson(k);
    if (Array.isArray(v) && v.length > 0) return `  ${key}: [\n${v.map((item) => `    ${line(item)}`).join(',\n')}\n  ]`;
    return `  ${key}: ${line(v)}`;
  });
  return `{\n${body.join(',\n')}\n}`;
}

/** JSON laid out by {@link layoutJson}, with keys cyan, strings green, numbers yellow, booleans magenta, null dim. */
export function highlightJson(value: unknown, color: boolean): string {
  const text = layoutJson(value);
  if (!color) return text;
  const c = createColors(true);
  return text.replace(jsonToken, (match, str: string | undefined, colon: string | undefined, bool: string | undefined) => {
    if (str !== undefined) return colon !== undefined ? `${c.cyan(str)}${colon}` : c.green(str);
    if (bool !== undefined) return c.magenta(match);
    if (match === 'null') return c.dim(match);
    return c.yellow(match);
  });
}

/**
 * Options for {@link renderResult}: colours, and the terminal width (columns) the matching records are cut to — by
 * whole characters and their display width (displayWidth.ts), never inside a surrogate pair.
 */
export interface RenderResultOptions {
  readonly color: boolean;
  readonly width?: number;
}


/** A result as terminal text, ending in a newline (empty for an empty result). */
export function renderResult(result: ReplResult, opts: RenderResultOptions): string {
  const c = createColors(opts.color);
  const width = Math.max(20, opts.width ?? 100);
  const out: string[] = [];
  switch (result.kind) {
    case 'empty':
    case 'exit':
      return '';
    case 'query': {
      for (const d of result.diagnostics.filter((x) => x.severity === 'info')) {
        out.push(c.dim(terminalSafe(`note[${d.code}]: ${d.message}`)));
      }
      const framed = result.diagnostics.filter((x) => x.severity !== 'info');
      if (framed.length) out.push(renderDiagnostics(result.query, framed, { color: opts.color }));
      if (result.criteria) out.push(highlightJson(result.criteria, opts.color));
      const m = result.matches;
      if (m) {
        if (m.error) out.push(c.red(terminalSafe(`records: ${m.error}`)));
        else {
          out.push(c.bold(`${m.total} of ${m.loaded} loaded record${m.loaded === 1 ? '' : 's'} match${m.total === 1 ? 'es' : ''}${m.total > m.first.length && m.first.length ? `; the first ${m.first.length}:` : m.total ? ':' : '.'}`));
          for (const r of m.first) out.push(`  ${cutToWidth(safeJson(r), width - 2)}`);
        }
      }
      const remote = result.remote;
      if (remote?.error) out.push(c.red(terminalSafe(`org: ${remote.error}`)));
      else if (remote) {
        out.push(c.bold(`${remote.total} record${remote.total === 1 ? '' : 's'} in the org${remote.first.length ? `; page 1 of ${remote.totalPages}${remote.totalPages > 1 ? ' (.more for the next)' : ''}:` : '.'}`));
        for (const r of remote.first) out.push(`  ${cutToWidth(safeJson(r), width - 2)}`);
      }
      break;
    }
    case 'command': {
      const text = terminalSafe(result.output);
      out.push(result.ok ? text : c.red(text));
      if (result.diagnostics?.length) {
        out.push(renderDiagnostics(result.source ?? '', result.diagnostics, { color: opts.color, fileName: result.command === '.decompile' ? 'criteria' : 'query' }));
      }
      break;
    }
  }
  return `${out.join('\n')}\n`;
}

/** A result as one line of JSON (no newline): `{query, criteria, diagnostics, matches?}` or `{command, ok, output, data?}`. */
export function jsonResult(result: ReplResult): string {
  switch (result.kind) {
    case 'query':
      return safeJson({
        query: result.query,
        criteria: result.criteria ?? null,
        diagnostics: result.diagnostics,
        ...(result.matches ? { matches: result.matches } : {}),
        ...(result.remote ? { remote: result.remote } : {}),
      });
    case 'command':
      return safeJson({
        command: result.command,
        ok: result.ok,
        output: result.output,
        ...(result.data !== undefined ? { data: result.data } : {}),
        ...(result.diagnostics?.length ? { diagnostics: result.diagnostics } : {}),
      });
    default:
      return '';
  }
}
