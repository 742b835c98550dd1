/**
 * Where the queries of a document are: the whole document in a search box, or each line of a `.kq` file. The
 * language service reads ONE query text at a time (src/service/types.ts), so every adapter call goes through
 * {@link queryAt} or {@link queriesIn}, and offsets are moved between the document and the query by `from`.
 */
import type { EditorState, Line, Text } from '@codemirror/state';
import type { QueryMode } from './state.js';

/** One query of a document: its text, and where it starts in the document (a UTF-16 offset). */
export interface QuerySlice {
  readonly text: string;
  readonly from: number;
  /** Where it ends in the document (`from + text.length`). */
  readonly to: number;
}

/** A line whose first non-blank character is `#`: a comment of a `.kq` file (src/node/sources.ts). */
export function isCommentLine(text: string): boolean {
  return text.trimStart().startsWith('#');
}

function lineQuery(line: Line): QuerySlice | null {
  if (isCommentLine(line.text) || line.text.trim() === '') return null;
  return { text: line.text, from: line.from, to: line.to };
}

/**
 * The query that holds the document offset `pos`: the whole document in `single` mode; in `lines` mode the line's
 * text, or null on a comment or blank line.
 */
export function queryAt(state: EditorState, mode: QueryMode, pos: number): QuerySlice | null {
  if (mode === 'single') {
    const text = state.doc.toString();
    return { text, from: 0, to: text.length };
  }
  return lineQuery(state.doc.lineAt(pos));
}

/** Every query of `doc` that meets the document range `from`–`to` (default: all of it), in document order. */
export function queriesIn(doc: Text, mode: QueryMode, from = 0, to = doc.length): QuerySlice[] {
  if (mode === 'single') {
    const text = doc.toString();
    return [{ text, from: 0, to: text.length }];
  }
  const out: QuerySlice[] = [];
  for (let pos = from; pos <= to; ) {
    const line = doc.lineAt(pos);
    const query = lineQuery(line);
    if (query !== null) out.push(query);
    pos = line.to + 1;
  }
  return out;
}
