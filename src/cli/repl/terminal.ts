/**
 * The interactive REPL on a terminal, with node:readline: a `kq> ` prompt (`... ` while a query continues over
 * lines), TAB completion (completer.ts), persistent history (history.ts), coloured results (render.ts).
 * Ctrl-C clears the line (and any unfinished multi-line query); Ctrl-D on an empty line, or `.exit`, leaves.
 */
import { createInterface } from 'node:readline';
import { createColors } from 'picocolors';
import { version } from '../version.js';
import { completeLine } from './completer.js';
import { historySize, loadHistory, saveHistory } from './history.js';
import { openConstruct } from './input.js';
import { renderResult } from './render.js';
import type { ReplSession } from './session.js';

/** The prompt. */
export const prompt = 'kq> ';
/** The prompt of a line that continues a query (a `(`, `"` or `[` is still open). */
export const continuationPrompt = '... ';

/** Where the terminal REPL reads and writes. */
export interface TerminalOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream & { columns?: number };
  readonly color: boolean;
  /** The history file, or null for none. */
  readonly historyFile: string | null;
}

/** Replaces the lines of a finished multi-line query in the history by the query on one line. */
function mergeHistory(history: string[], lines: readonly string[]): void {
  for (const line of lines) {
    const at = history.indexOf(line);
    if (at >= 0) history.splice(at, 1);
  }
  const joined = lines.map((l) => l.trim()).filter((l) => l !== '').join(' ');
  if (joined !== '') {
    const again = history.indexOf(joined);
    if (again >= 0) history.splice(again, 1);
    history.unshift(joined);
  }
}

/** Runs the REPL until Ctrl-D or `.exit`; resolves to the exit status (0). */
export function runTerminal(session: ReplSession, opts: TerminalOptions): Promise<number> {
  const { input, output, color, historyFile } = opts;
  const c = createColors(color);
  let pending: string[] = [];
  let quoteAcrossLines = false;
  let warned = false;

  const rl = createInterface({
    input,
    output,
    terminal: true,
    prompt,
    history: loadHistory(historyFile),
    historySize,
    removeHistoryDuplicates: true,
    tabSize: 4,
    completer: (line: string) => completeLine(line, pending, session.options()),
  });
  const history = (): string[] => (rl as unknown as { history?: string[] }).history ?? [];
  const persist = () => {
    const error = saveHistory(historyFile, history());
    if (error !== null && !warned) {
      warned = true;
      output.write(`${c.dim(`(history is not saved: ${error})`)}\n`);
    }
  };

  output.write(`${c.dim(`kq ${version} — type a query; TAB completes, .help lists commands, Ctrl-D exits.`)}\n`);
  rl.prompt();

  rl.on('line', (line) => {
    pending.push(line);
    const text = pending.join('\n');
    const open = openConstruct(text);
    if (open !== null) {
      if (open === 'quote') quoteAcrossLines = true;
      rl.setPrompt(continuationPrompt);
      rl.prompt();
      return;
    }
    const lines = pending;
    pending = [];
    // One history entry per query; a string that spans lines keeps its lines (a newline in it is part of it).
    if (lines.length > 1 && !quoteAcrossLines) mergeHistory(history(), lines);
    quoteAcrossLines = false;
    const result = session.run(text);
    if (result.kind === 'exit') {
      rl.close();
      return;
    }
    output.write(renderResult(result, { color, width: output.columns ?? 100 }));
    persist();
    rl.setPrompt(prompt);
    rl.prompt();
  });

  rl.on('SIGINT', () => {
    const hadInput = rl.line.length > 0 || pending.length > 0;
    // Ctrl-E then Ctrl-U: to the end of the line, then delete it all.
    rl.write(null, { ctrl: true, name: 'e' });
    rl.write(null, { ctrl: true, name: 'u' });
    pending = [];
    quoteAcrossLines = false;
    output.write(hadInput ? '\n' : `\n${c.dim('(To exit, press Ctrl-D or type .exit)')}\n`);
    rl.setPrompt(prompt);
    rl.prompt();
  });

  return new Promise((done) => {
    rl.on('close', () => {
      persist();
      output.write('\n');
      done(0);
    });
  });
}
