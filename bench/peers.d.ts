/**
 * Types for the peer parsers the benchmark compares against, where the package ships none.
 *
 * `lucene` 2.1.1 is CommonJS (`exports.parse = …`, a peggy parser); Node's ESM loader exposes `module.exports` as
 * the default export. Only what `bench/` calls is declared.
 */
declare module 'lucene' {
  /** A node of lucene's AST; its shape is not used by the benchmark. */
  export type LuceneAst = Record<string, unknown>;

  /** The `lucene` module object. */
  interface Lucene {
    /** Parses Lucene query syntax to an AST; throws a peggy `SyntaxError` on invalid input. */
    parse(query: string): LuceneAst;
    /** Prints an AST back to query syntax. */
    toString(ast: LuceneAst): string;
  }

  const lucene: Lucene;
  export default lucene;
}
