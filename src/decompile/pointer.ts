/**
 * JSON pointers (RFC 6901) into a criteria body, for diagnostics that point at JSON rather than at text.
 */

/** One reference token, escaped: `~` → `~0`, `/` → `~1`. */
export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `base` extended by `tokens`: `child('/and', 0, 'customer_name')` → `/and/0/customer_name`. */
export function child(base: string, ...tokens: (string | number)[]): string {
  return tokens.reduce<string>((p, t) => `${p}/${escapeToken(t)}`, base);
}
