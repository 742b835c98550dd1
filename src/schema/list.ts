/** Listing a catalogue's fields by name or label pattern, for 'kq fields'. */
import { defaultCatalog } from './catalog.js';
import type { FieldCatalog, FieldInfo } from './types.js';

/** Case-insensitive glob match: `*` any run of characters, `?` one character. O(|pattern|·|text|) at worst. */
function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * The catalog's fields (standard and declared custom attributes) whose name or label matches `pattern`, sorted by
 * name (code-unit order). `pattern` is case-insensitive: with `*` or `?` it is a glob over the whole name
 * (`conversation_*_at`), otherwise a substring (`status`). No pattern (or an empty one) lists every field.
 * For 'kq fields'.
 */
export function listFields(catalog: FieldCatalog = defaultCatalog, pattern?: string): FieldInfo[] {
  const all = [...catalog.fields.values()];
  let matches = all;
  if (pattern !== undefined && pattern.length > 0) {
    const lower = pattern.toLowerCase().replace(/\*+/g, '*');
    const glob = /[*?]/.test(lower);
    const test = (text: string): boolean => {
      const t = text.toLowerCase();
      return glob ? globMatch(lower, t) : t.includes(lower);
    };
    matches = all.filter((f) => test(f.name) || (f.label !== undefined && test(f.label)));
  }
  return matches.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
