/**
 * The carried fields of a JSON record exactly as written: the source text of each top-level member of the record's
 * object, spliced into one JSON object text. `JSON.parse` loses what a double cannot hold — `12345678901234567890`
 * comes back as 12345678901234567000, `1e400` as Infinity (written `null`), `1.0` as 1, `-0` as 0 — so the output
 * writers print this text instead of serializing the parsed `fields` again: carried fields come out as they went in.
 *
 * The text is minified (white space outside strings dropped, so a field written over several lines of a JSON array
 * stays on one JSONL line; nothing inside a string or a number changes). Members follow `JSON.parse`'s rule for a
 * repeated name: the first occurrence's place, the last occurrence's value. Names are compared decoded, so
 * `"quer\u0079"` is the `query` field.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** `json` without white space outside strings (a valid JSON value stays the same value, and the same text in strings). */
export function minifyJson(json: string): string {
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (isSpace(c)) {
      out += json.slice(from, i);
      from = i + 1;
    }
  }
  return out + json.slice(from);
}

/**
 * The members of the JSON object `text` other than those named `omit`, as one minified JSON object text, each member
 * as its source text (see the module comment). `text` must be valid JSON (it has been through `JSON.parse`); returns
 * undefined when it is not an object. One linear scan, no recursion; never throws on valid JSON.
 */
export function carriedFieldsJson(text: string, omit: string): string | undefined {
  let i = 0;
  const skip = () => {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  };
  skip();
  if (text.charCodeAt(i) !== 0x7b) return undefined;
  i++;
  const members = new Map<string, string>();
  for (;;) {
    skip();
    if (i >= text.length || text.charCodeAt(i) !== QUOTE) break; // `}` (or not valid JSON: stop)
    const keyStart = i++;
    while (i < text.length && text.charCodeAt(i) !== QUOTE) i += text.charCodeAt(i) === BACKSLASH ? 2 : 1;
    const rawKey = text.slice(keyStart, ++i);
    skip();
    i++; // the colon
    skip();
    const valueStart = i;
    let depth = 0;
    let inString = false;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (c === BACKSLASH) i++;
        else if (c === QUOTE) inString = false;
      } else if (c === QUOTE) inString = true;
      else if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        if (depth === 0) break; // the record's own `}`
        depth--;
      } else if (c === 0x2c && depth === 0) break;
    }
    const key = JSON.parse(rawKey) as string;
    if (key !== omit) members.set(key, `${rawKey}:${minifyJson(text.slice(valueStart, i))}`);
    if (text.charCodeAt(i) !== 0x2c) break;
    i++;
  }
  return `{${[...members.values()].join(',')}}`;
}
