/**
 * `kq lsp`: a Language Server Protocol 3.17 server for `.kq` files (one query per line, `#` comments), on
 * vscode-languageserver's Node connection and TextDocuments (incremental sync, vscode-languageserver-textdocument).
 *
 * What it answers: diagnostics (published on open and, lightly debounced, on change; cleared on close), completion
 * (with replace ranges), hover (Markdown), document and range formatting (each query's canonical text), quick fixes
 * (one code action per fix of a diagnostic) and semantic tokens (full document). Settings: see settings.ts.
 *
 * Robustness: every request handler answers an empty result rather than fail, errors are logged through the
 * connection (the client's output panel) and never to stdout (stdout carries the protocol); the process ends on the
 * `exit` notification and when its input ends (vscode-languageserver's Node connection does both: exit code 0 after
 * `shutdown`, else 1).
 */
import { createConnection, MessageType, ShowMessageNotification, TextDocuments, TextDocumentSyncKind, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, type LanguageService, type ServiceOptions } from '../index.js';
import { DiagnosticCache, encodeSemanticTokens, KqDocumentAnalysis, semanticTokensLegend } from './analysis.js';
import { readSettings } from './settings.js';

/** How `startLanguageServer` is set up. */
export interface LanguageServerOptions {
  /** The stream the client's messages arrive on (default `process.stdin`). The process exits when it ends. */
  readonly input?: NodeJS.ReadableStream;
  /** The stream the server writes to (default `process.stdout`); nothing else may write to it. */
  readonly output?: NodeJS.WritableStream;
  /** Compile options the settings start from (the CLI's `--tz`, `--context`, `--custom`, `--nested`, `--now`). */
  readonly options?: ServiceOptions;
  /** Milliseconds between the last change of a document and its diagnostics (default 150). */
  readonly debounceMs?: number;
  /** The version the server reports in `serverInfo`. */
  readonly version?: string;
}

/** The default pause, in milliseconds, between a document's last change and its diagnostics. */
export const defaultDebounceMs = 150;

/**
 * Starts a language server on `input`/`output` (default the process's stdin and stdout) and returns its connection,
 * already listening. While it runs, `console.*` goes to the client's log, not to stdout. The process exits on the
 * protocol's `exit` notification and when `input` ends.
 */
export function startLanguageServer(opts: LanguageServerOptions = {}): Connection {
  const input = opts.input ?? process.stdin;
  const output = opts.output ?? process.stdout;
  const connection = createConnection(input, output);
  const log = connection.console;
  if (output === process.stdout) redirectConsole(connection);

  // Settings are layered: the CLI's flags, then initializationOptions, then the workspace configuration.
  let base: ServiceOptions = opts.options ?? {};
  const debounceMs = opts.debounceMs ?? defaultDebounceMs;
  let service: LanguageService = createLanguageService(base);
  const cache = new DiagnosticCache();
  const documents = new TextDocuments(TextDocument);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let analyses = new Map<string, KqDocumentAnalysis>();
  let pullConfiguration = false;

  const reportError = (what: string, error: unknown) => log.error(`kq: ${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  // A promise rejected without a handler would end the process (Node's default); the server logs it and goes on.
  process.on('unhandledRejection', (reason) => reportError('a pending operation', reason));

  /** The analysis of the document's current version (reused until the text changes). */
  const analysisOf = (uri: string): KqDocumentAnalysis | null => {
    const document = documents.get(uri);
    if (document === undefined) return null;
    const text = document.getText();
    let found = analyses.get(uri);
    if (found === undefined || found.text !== text) {
      found = new KqDocumentAnalysis(uri, text, service, cache, reportError);
      analyses.set(uri, found);
    }
    return found;
  };

  /**
   * Computes and publishes the document's diagnostics, in slices of about {@link sliceMs} between which other
   * messages are served (a 10,000-line file does not hold up a completion); stops when the document has changed or
   * closed since (a newer run publishes).
   */
  const publish = async (uri: string) => {
    timers.delete(uri);
    const document = documents.get(uri);
    const analysis = analysisOf(uri);
    if (document === undefined || analysis === null) return;
    const current = () => documents.get(uri) === document && analyses.get(uri) === analysis;
    const diagnostics: Diagnostic[] = [];
    const done = await inSlices(analysis.lines.length, (from, to) => diagnostics.push(...analysis.diagnosticsOfLines(from, to)), current);
    if (!done || !current()) return;
    await connection.sendDiagnostics({ uri, version: document.version, diagnostics }).catch((e) => reportError('publishDiagnostics', e));
  };

  const schedule = (uri: string, delay: number) => {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => void publish(uri).catch((e) => reportError(`diagnostics of ${uri}`, e)), delay),
    );
  };

  /** Applies settings over `base`: new options for the service, every open document checked again; returns them. */
  const applySettings = (value: unknown): ServiceOptions => {
    const { options, problems } = readSettings(value, base);
    for (const problem of problems) {
      log.warn(problem);
      // The `window/showMessage` notification: `showWarningMessage` would be a request the client may not answer.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `kq: ${problem}` }).catch((e) => reportError('showMessage', e));
    }
    try {
      service.configure(options);
    } catch (error) {
      reportError('configure', error);
      service = createLanguageService(base);
    }
    cache.clear();
    analyses = new Map();
    for (const document of documents.all()) schedule(document.uri, 0);
    return options;
  };

  const pull = async () => {
    try {
      const [section] = await connection.workspace.getConfiguration([{ section: 'kq' }]);
      applySettings(section);
    } catch (error) {
      reportError('workspace/configuration', error);
    }
  };

  connection.onInitialize((params) => {
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    if (params.initializationOptions !== undefined && params.initializationOptions !== null) base = applySettings(params.initializationOptions);
    return {
      capabilities: {
        positionEncoding: 'utf-16',
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [':'] },
        hoverProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        semanticTokensProvider: { legend: semanticTokensLegend, full: true },
      },
      serverInfo: { name: 'kq', ...(opts.version ? { version: opts.version } : {}) },
    };
  });

  connection.onInitialized(() => {
    if (pullConfiguration) void pull();
  });

  connection.onDidChangeConfiguration((params) => {
    // Push clients send the settings; pull clients send null and are asked (workspace/configuration).
    const settings: unknown = params.settings;
    if ((settings === null || settings === undefined || (typeof settings === 'object' && !('kq' in settings))) && pullConfiguration) void pull();
    else applySettings(settings);
  });

  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => schedule(e.document.uri, debounceMs));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    analyses.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }).catch((error) => reportError('publishDiagnostics', error));
  });

  /** Wraps a request handler: the document's analysis in, `fallback` out when there is none or the handler throws. */
  const answer =
    <P extends { textDocument: { uri: string } }, R>(what: string, fallback: R, handler: (analysis: KqDocumentAnalysis, params: P) => R) =>
    (params: P): R => {
      try {
        const analysis = analysisOf(params.textDocument.uri);
        return analysis === null ? fallback : handler(analysis, params);
      } catch (error) {
        reportError(what, error);
        return fallback;
      }
    };

  connection.onCompletion(answer('completion', { isIncomplete: false, items: [] }, (a, p) => a.completion(p.position)));
  connection.onHover(answer('hover', null, (a, p) => a.hover(p.position)));
  connection.onDocumentFormatting(answer('formatting', [], (a) => a.format()));
  connection.onDocumentRangeFormatting(answer('range formatting', [], (a, p) => a.format(p.range)));
  connection.onCodeAction(
    // `only` filters by kind, hierarchically (LSP 3.17, CodeActionKind): '' (every kind) and 'quickfix' take ours.
    answer('code actions', [], (a, p) => (p.context.only && !p.context.only.some((k) => k === '' || k === 'quickfix') ? [] : a.codeActions(p.range))),
  );
  connection.languages.semanticTokens.on(async (params, token) => {
    try {
      const analysis = analysisOf(params.textDocument.uri);
      if (analysis === null) return { data: [] };
      const absolute: number[] = [];
      const lineCount = analysis.lineCount;
      await inSlices(lineCount, (from, to) => absolute.push(...analysis.semanticTokensOfLines(from, to)), () => !token.isCancellationRequested);
      return encodeSemanticTokens(absolute);
    } catch (error) {
      reportError('semantic tokens', error);
      return { data: [] };
    }
  });

  connection.onShutdown(() => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}

/** How long, in milliseconds, a slice of a long computation runs before other messages are served. */
const sliceMs = 20;

/**
 * Runs `work` over items `0..count` in slices of about {@link sliceMs} (the slice size adapts to the time an item
 * takes), yielding to the event loop between slices; stops early — resolving to false — when `proceed` turns false.
 */
async function inSlices(count: number, work: (from: number, to: number) => void, proceed: () => boolean): Promise<boolean> {
  let size = 16;
  for (let from = 0; from < count; ) {
    if (!proceed()) return false;
    const to = Math.min(count, from + size);
    const started = performance.now();
    work(from, to);
    const took = performance.now() - started;
    size = Math.max(1, Math.min(4096, Math.round(((to - from) * sliceMs) / Math.max(took, 0.5))));
    from = to;
    if (from < count) await new Promise<void>((resume) => setImmediate(resume));
  }
  return proceed();
}

/** Sends `console.*` to the client's log while stdout carries the protocol (a stray `console.log` would corrupt it). */
function redirectConsole(connection: Connection): void {
  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? (a.stack ?? a.message) : safeJson(a))).join(' ');
  console.log = (...args: unknown[]) => connection.console.log(text(args));
  console.info = (...args: unknown[]) => connection.console.info(text(args));
  console.warn = (...args: unknown[]) => connection.console.warn(text(args));
  console.error = (...args: unknown[]) => connection.console.error(text(args));
  console.debug = (...args: unknown[]) => connection.console.log(text(args));
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
