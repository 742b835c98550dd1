/**
 * A real LSP client for the tests: spawns `kq lsp --stdio` from the sources (`node --import tsx src/cli/main.ts`,
 * so no build — and no stale dist/ — is involved) and talks JSON-RPC to it over the child's stdio with
 * vscode-jsonrpc's `createMessageConnection`, as an editor does.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A running server and the client connected to it. */
export interface LspSession {
  readonly child: ChildProcessWithoutNullStreams;
  readonly connection: MessageConnection;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** The `window/showMessage` and `window/logMessage` texts received so far. */
  readonly messages: string[];
  /** Resolves to the next diagnostics published for `uri` that satisfy `accept` (or rejects after `timeoutMs`). */
  diagnostics(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  /** Resolves to the exit code when the server process ends. */
  readonly exited: Promise<number | null>;
}

/** Starts `kq lsp --stdio` with extra `args`; the client is listening, nothing is sent yet. */
export function startServer(args: string[] = []): LspSession {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'lsp', '--stdio', ...args], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: PublishDiagnosticsParams[] = [];
  const waiters: { uri: string; accept: (p: PublishDiagnosticsParams) => boolean; done: (p: PublishDiagnosticsParams) => void }[] = [];
  const messages: string[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.accept(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.done(p);
      }
    }
  });
  connection.onNotification('window/showMessage', (p: { message: string }) => void messages.push(p.message));
  connection.onNotification('window/logMessage', (p: { message: string }) => void messages.push(p.message));
  connection.onError(() => {});
  connection.listen();
  return {
    child,
    connection,
    stderr: () => err,
    messages,
    exited,
    diagnostics(uri, accept = () => true, timeoutMs = 20_000) {
      return new Promise((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no diagnostics for ${uri} in ${timeoutMs} ms; stderr: ${err}`)), timeoutMs);
        waiters.push({
          uri,
          accept,
          done: (p) => {
            clearTimeout(timer);
            done(p);
          },
        });
      });
    },
  };
}

/** `initialize` (with `initializationOptions`) and `initialized`; resolves to the server's InitializeResult. */
export async function initialize(session: LspSession, initializationOptions?: unknown, capabilities: object = {}): Promise<any> {
  const result = await session.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities,
    ...(initializationOptions !== undefined ? { initializationOptions } : {}),
  });
  await session.connection.sendNotification('initialized', {});
  return result;
}

/** `textDocument/didOpen` of a `kq` document. */
export function open(session: LspSession, uri: string, text: string, version = 1): Promise<void> {
  return session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'kq', version, text } });
}

/** `shutdown` then `exit`; resolves to the process's exit code. */
export async function stop(session: LspSession): Promise<number | null> {
  await session.connection.sendRequest('shutdown');
  await session.connection.sendNotification('exit');
  const code = await session.exited;
  session.connection.dispose();
  return code;
}

/** The text after applying LSP `edits` to `text` (vscode-languageserver-textdocument's applyEdits). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.kq', 'kq', 1, text), [...edits]);
}

/**
 * `code@line:start-end` of each diagnostic, for compact assertions — errors and warnings only unless `all`: a query
 * without `context:` also has the KQ2015 information note ("No context given: searching …").
 */
export function where(diagnostics: readonly Diagnostic[], all = false): string[] {
  return diagnostics.filter((d) => all || d.severity !== 3).map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);
}
