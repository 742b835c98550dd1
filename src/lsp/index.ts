/**
 * The `.kq` language server's entry: {@link startLanguageServer} loads the server (and vscode-languageserver, about
 * 50 ms of module loading) only when called, so importing `kustomer-query/node` for `translate` does not pay for it.
 */
import type { Connection } from 'vscode-languageserver/node';
import type { LanguageServerOptions } from './server.js';

export type { LanguageServerOptions } from './server.js';
export type { KqSettings } from './settings.js';

/**
 * Starts the Language Server Protocol server for `.kq` files (one query per line, `#` comments) on the given streams
 * (default stdin/stdout) and resolves to its vscode-languageserver connection, listening. The process exits on the
 * protocol's `exit` notification and when the input ends. Settings (`initializationOptions`, `workspace/
 * didChangeConfiguration`, section `kq`): see {@link KqSettings}.
 */
export async function startLanguageServer(options: LanguageServerOptions = {}): Promise<Connection> {
  const server = await import('./server.js');
  return server.startLanguageServer(options);
}
