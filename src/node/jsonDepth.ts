/**
 * How deep a bulk input record nests, checked without recursion — before `JSON.parse`, and on records given to
 * `translate` as values — so that a hostile record (a 10 KB line of 10,000 nested brackets) becomes one KQ5010 error
 * record instead of a stack overflow later (in `JSON.stringify` of the result, in the structured clone that sends a
 * body to a worker, in decompile's reader). `JSON.parse` itself copes with such depth; what comes after does not.
 *
 * The limit, {@link maxRecordDepth} (1,000 levels of arrays and objects, the record's own braces included), applies
 * to the whole record: its carried fields and its criteria body alike. It is far above anything a saved search
 * holds (decompile rejects criteria deeper than its own `maxDepth`, default 100, with KQ4011) and far below what
 * Node's default stack needs for the recursive code that follows (structured clone and `JSON.stringify` go beyond
 * 5,000 levels).
 */

/** The deepest nesting of arrays and objects a bulk input record may have (its own braces count as level 1). */
export const maxRecordDepth = 1000;

/**
 * True when the JSON text `text` nests arrays and objects deeper than `limit`: one linear scan of its brackets
 * outside strings (escapes honoured). Works on any text (valid JSON or not); never throws.
 */
export function jsonTextTooDeep(text: string, limit = maxRecordDepth): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * True when the JavaScript value `value` (a record given to `translate` in an array) nests arrays and objects
 * deeper than `limit`, or refers to itself (a cycle is endlessly deep). Iterative: an explicit stack, never
 * recursion. An object reached again along another path is walked again only when reached deeper, so shared
 * sub-objects cost little. Reads own enumerable properties, so a throwing getter throws (the caller turns that into
 * an error record).
 */
export function valueTooDeep(value: unknown, limit = maxRecordDepth): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const seenAt = new Map<object, number>();
  const stack: [object, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return true;
    const before = seenAt.get(node);
    if (before !== undefined && before >= depth) continue;
    seenAt.set(node, depth);
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}
