/**
 * Every `kq` command, in the order `kq --help` lists them: its names, and how to load its module. Add a command by
 * adding a line here (its names as in the module's `names`; test/cli/lazy.test.ts checks they agree).
 *
 * Loaded lazily: `kq compile` loads the compile command and what it imports, not the language server, the playground
 * or `kq serve`; `kq --version` loads no command at all (the CLI bundle is split per command, scripts/build.mjs).
 */
import type { Command } from '../common.js';

/** A command as listed: the names it answers to (the first shown in usage) and a loader of its module. */
export interface LazyCommand {
  readonly names: readonly string[];
  readonly load: () => Promise<Command>;
}

export const commands: readonly LazyCommand[] = [
  { names: ['compile', 'check'], load: async () => (await import('./compile.js')).compileCommand },
  { names: ['fmt', 'format'], load: async () => (await import('./fmt.js')).fmtCommand },
  { names: ['decompile'], load: async () => (await import('./decompile.js')).decompileCommand },
  { names: ['translate'], load: async () => (await import('./translate.js')).translateCommand },
  { names: ['fields'], load: async () => (await import('./fields.js')).fieldsCommand },
  { names: ['run'], load: async () => (await import('./run.js')).runCommand },
  { names: ['search'], load: async () => (await import('./search.js')).searchCommand },
  { names: ['explain'], load: async () => (await import('./explain.js')).explainCommand },
  { names: ['complete'], load: async () => (await import('./complete.js')).completeCommand },
  { names: ['repl'], load: async () => (await import('./repl.js')).replCommand },
  { names: ['schema'], load: async () => (await import('./schema.js')).schemaCommand },
  { names: ['serve'], load: async () => (await import('./serve.js')).serveCommand },
  { names: ['lsp'], load: async () => (await import('./lsp.js')).lspCommand },
  { names: ['playground'], load: async () => (await import('./playground.js')).playgroundCommand },
];
