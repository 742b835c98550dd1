/**
 * `kq lsp --stdio`: the Language Server Protocol server for `.kq` files, on stdin/stdout (see src/lsp/server.ts).
 * The compile flags (`--tz`, `--context`, `--custom`, `--nested`, `--now`) are the defaults the client's settings
 * override. Runs until the client sends `exit` or closes stdin.
 */
import { startLanguageServer } from '../../node/index.js';
import { type Command, UsageError, compileFlags, compileOptions } from '../common.js';
import { version } from '../version.js';

/** `kq lsp`. */
export const lspCommand: Command = {
  names: ['lsp'],
  usage: `  kq lsp --stdio            a Language Server Protocol server for .kq files on stdin/stdout (for editors)`,
  optionsHelp: `Options for lsp (and the compile options above, as defaults the editor's "kq" settings override):
  --stdio                  talk LSP over stdin/stdout (the only transport; accepted because clients pass it)
  --clientProcessId <pid>  exit when that process does (passed by some clients)`,
  // --clientProcessId is read by vscode-languageserver itself, from process.argv.
  options: { ...compileFlags, stdio: { type: 'boolean' }, clientProcessId: { type: 'string' } },
  async run(_name, rest, values, io) {
    if (rest.length > 0) throw new UsageError(`kq lsp takes no arguments, got '${rest[0]}'`);
    if (io.stdin === undefined || io.stdin !== process.stdin) throw new UsageError('kq lsp talks over the process’s stdin and stdout');
    const options = compileOptions(values);
    const connection = await startLanguageServer({ options, version });
    // vscode-languageserver ends the process on `exit` and at the end of stdin; until then the command runs.
    return new Promise<number>((resolve) => connection.onExit(() => resolve(0)));
  },
};
