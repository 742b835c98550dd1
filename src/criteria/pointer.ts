/**
 * JSON pointers (RFC 6901, https://www.rfc-editor.org/rfc/rfc6901): `""` is the whole document, `/and/0/customer_name`
 * one criterion's operator object. A token escapes `~` as `~0` and `/` as `~1` (§3); array elements are their
 * decimal index (§4).
 */

/** One reference token, escaped: `~` → `~0`, `/` → `~1`. */
export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `base` extended by `tokens`: `child('/and', 0, 'customer_name')` → `/and/0/customer_name`. */
export function child(base: string, ...tokens: (string | number)[]): string {
  return tokens.reduce<string>((p, t) => `${p}/${escapeToken(t)}`, base);
}

/** The unescaped reference tokens of `pointer`: `/a~1b/0` → `['a/b', '0']`; `""` → `[]`. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new SyntaxError(`A JSON pointer starts with '/': ${JSON.stringify(pointer)}`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * The value `pointer` refers to in `document` (RFC 6901 §4: own properties of objects, decimal indexes of arrays),
 * or `undefined` when it refers to nothing. Throws a SyntaxError for a non-empty pointer not starting with `/`.
 */
export function resolvePointer(document: unknown, pointer: string): unknown {
  let at: unknown = document;
  for (const token of pointerTokens(pointer)) {
    if (Array.isArray(at)) {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      at = at[Number(token)];
    } else if (typeof at === 'object' && at !== null && Object.hasOwn(at, token)) {
      at = (at as Record<string, unknown>)[token];
    } else return undefined;
  }
  return at;
}
