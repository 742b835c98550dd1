/**
 * A JSON array read element by element, in bounded memory: the `json` input format.
 *
 * The array is not parsed whole. A scan of its structure (strings, escapes, bracket depth; nothing else) finds where
 * each top-level element starts and ends, and each element's text is then given to `JSON.parse` on its own. So a
 * 1 GB array needs memory for one element, every element knows the line it starts on, and a bad element (invalid
 * JSON, invalid UTF-8, longer than the limit, nested deeper than 1,000 levels) is an error record for that element
 * only. Structural errors of the array itself are KQ5009 error records of their own, at the line where they are
 * found, and never swallow an element: a missing comma between two elements (both are still read), a trailing
 * comma before `]`, an empty element (`,,`); content after the closing `]`, or a missing `]`, is one KQ5009 record
 * and ends the scan. A top-level object instead of an array is one record; an empty input is no record.
 *
 * An element ends at its own closing bracket or quote (objects, arrays, strings), or, for a bare scalar (a number,
 * a literal, junk), at white space, `,`, `]` or the end of its line.
 *
 * It yields the elements' texts (jsonTexts.ts's {@link JsonText}), not records: `translate` makes input records of
 * them (sources.ts), `kq run` and `.load` records to search (recordReader.ts).
 */
import { inputError } from './inputErrors.js';
import type { JsonText } from './jsonTexts.js';
import type { Line } from './lines.js';

const enum State {
  /** Before the top-level value. */
  Before,
  /** Inside the array, where an element, or `]`, may start. */
  Between,
  /** Inside an element. */
  Element,
  /** After an element, where `,` or `]` must come. */
  AfterElement,
  /** After the closing `]` (or the single top-level object). */
  After,
  /** After a structural error that ends the scan: the rest of the input is ignored. */
  Done,
}

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === CR;
}

/** An element that cannot be read (too long, invalid UTF-8) as a JsonText error. */
function tooLongText(line: number, element: number | undefined, maxRecordChars: number): JsonText {
  return { line, ...(element !== undefined ? { element } : {}), error: inputError('RecordTooLong', { max: maxRecordChars }), problem: `longer than ${maxRecordChars} bytes, the limit`, structural: false };
}

function utf8Text(line: number, element: number | undefined, badLine: number): JsonText {
  return { line, ...(element !== undefined ? { element } : {}), error: inputError('InvalidUtf8', { line: badLine }), problem: 'not valid UTF-8', structural: false };
}

/**
 * Reads the elements of a JSON array from `lines` as JSON texts, in order, in batches: each with the line it starts
 * on and its number in the array (from 1; none for a single top-level object), or an error (see the module
 * comment). `maxRecordChars` bounds one element's text (UTF-16 code units). Never throws on any input.
 */
export async function* readJsonArray(lines: AsyncIterable<Line[]>, maxRecordChars: number): AsyncGenerator<JsonText[]> {
  let state: State = State.Before;
  /** The top-level value is one object rather than an array. */
  let single = false;
  /** In `Between`: a `,` came since the last element (so a `]` now is a trailing comma). */
  let afterComma = false;
  // The current element: its first line, its text so far, its bracket depth, and whether the scan is in a string.
  let startLine = 0;
  let pieces: string[] = [];
  let chars = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  /** The element is a bare scalar (a number, `true`, …, or junk): white space, `,` or `]` ends it. */
  let bare = false;
  /** The first problem of the current element's lines (invalid UTF-8, too long), reported instead of parsing it. */
  let problem: JsonText | undefined;
  let lastLine = 0;
  /** Elements begun so far (the current one's number, from 1). */
  let elements = 0;
  const number = (): number | undefined => (single ? undefined : elements);

  const finishElement = (out: JsonText[]): void => {
    if (problem) out.push(problem);
    else if (chars > maxRecordChars) out.push(tooLongText(startLine, number(), maxRecordChars));
    else {
      const element = number();
      out.push({ line: startLine, ...(element !== undefined ? { element } : {}), text: pieces.join('') });
    }
    pieces = [];
    chars = 0;
    depth = 0;
    inString = false;
    escaped = false;
    bare = false;
    problem = undefined;
  };

  const keep = (piece: string): void => {
    chars += piece.length;
    if (chars <= maxRecordChars) pieces.push(piece);
    else pieces = [];
  };

  const malformed = (line: number, what: string): JsonText => ({ line, error: inputError('MalformedJsonArray', { problem: what }), problem: what, structural: true });

  for await (const batch of lines) {
    const out: JsonText[] = [];
    for (const line of batch) {
      lastLine = line.number;
      if (state === State.Done) continue;
      if (line.problem === 'tooLong') {
        // The line's text is gone, so is the structure in it: it spoils the element it belongs to.
        if (state === State.Element) {
          problem ??= tooLongText(startLine, number(), maxRecordChars);
          continue;
        }
        out.push(tooLongText(line.number, undefined, maxRecordChars));
        if (state === State.Before || state === State.After) state = State.Done;
        continue;
      }
      // Invalid UTF-8 spoils the element(s) on the line; the (lossy) text still shows the structure, which is ASCII.
      const badUtf8 = line.problem === 'utf8';
      if (badUtf8 && state === State.Element) problem ??= utf8Text(startLine, number(), line.number);
      const text = line.text;
      let from = 0; // where the current element's piece of this line starts
      /** Starts an element at `text[i]`. */
      const begin = (i: number, c: number): State => {
        startLine = line.number;
        from = i;
        if (!single) elements++;
        if (badUtf8) problem = utf8Text(startLine, number(), line.number);
        if (c === QUOTE) inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth = 1;
        else bare = true;
        return State.Element;
      };
      for (let i = 0; i < text.length && state !== State.Done; i++) {
        const c = text.charCodeAt(i);
        if (state === State.Element) {
          if (inString) {
            if (escaped) escaped = false;
            else if (c === BACKSLASH) escaped = true;
            else if (c === QUOTE) {
              inString = false;
              if (depth === 0 && !bare) {
                // A string element ends at its closing quote.
                keep(text.slice(from, i + 1));
                finishElement(out);
                state = State.AfterElement;
              }
            }
            continue;
          }
          if (c === QUOTE) inString = true;
          else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
          else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && depth > 0) {
            if (--depth === 0 && !bare) {
              // An object or array element ends at its own closing bracket.
              keep(text.slice(from, i + 1));
              finishElement(out);
              state = single ? State.After : State.AfterElement;
            }
          } else if (depth === 0 && bare && (isSpace(c) || c === COMMA || c === CLOSE_BRACKET)) {
            // A bare element (a number, a literal, junk) ends at white space, a comma, or the array's `]`.
            keep(text.slice(from, i));
            finishElement(out);
            state = State.AfterElement;
            i--; // the character is read again, after the element
          }
          continue;
        }
        if (isSpace(c)) continue;
        if (state === State.Before) {
          if (c === OPEN_BRACKET) {
            state = State.Between;
            afterComma = false;
          } else if (c === OPEN_BRACE) {
            single = true;
            state = begin(i, c);
          } else {
            out.push(malformed(line.number, `expected '[' at the start, found '${text[i]}'`));
            state = State.Done;
          }
        } else if (state === State.Between) {
          if (c === CLOSE_BRACKET) {
            if (afterComma) out.push(malformed(line.number, "a trailing comma before ']'"));
            state = State.After;
          } else if (c === COMMA) out.push(malformed(line.number, 'an empty element (two commas)'));
          else {
            afterComma = false;
            state = begin(i, c);
          }
        } else if (state === State.AfterElement) {
          if (c === COMMA) {
            state = State.Between;
            afterComma = true;
          } else if (c === CLOSE_BRACKET) state = State.After;
          else {
            // A missing comma: reported, and the next element is read as one (so no element is lost).
            out.push(malformed(line.number, `expected ',' or ']' after an element, found '${text[i]}'`));
            state = begin(i, c);
          }
        } else if (state === State.After) {
          out.push(malformed(line.number, `unexpected text after the ${single ? 'object' : 'array'} ('${text[i]}')`));
          state = State.Done;
        }
      }
      if (state === State.Element) {
        keep(text.slice(from));
        if (line.terminated) {
          if (bare && depth === 0 && !inString) {
            finishElement(out); // the end of the line ends a bare element
            state = State.AfterElement;
          } else keep('\n');
        }
      }
    }
    if (out.length > 0) yield out;
  }
  const out: JsonText[] = [];
  const unclosed = "the array is not closed (expected ']')";
  if (state === State.Element) {
    finishElement(out);
    if (!single) out.push(malformed(lastLine, unclosed));
  } else if (state === State.Between || state === State.AfterElement) {
    out.push(malformed(lastLine, unclosed));
  }
  if (out.length > 0) yield out;
}
