/**
 * The interactive REPL with node:readline: a `kq> ` prompt (`... ` while a query continues over lines), TAB
 * completion (completer.ts), persistent history (history.ts: one entry per query), coloured results (render.ts).
 * Ctrl-C clears the line (and any unfinished multi-line query, which is not saved); Ctrl-D on an empty line, or
 * `.exit`, leaves.
 *
 * readline runs in terminal mode (line editing, TAB, ↑ history, cursor codes) only when the output is a terminal:
 * with `kq repl | tee log` (input a terminal, output a pipe) it runs with `terminal: false`, so the log gets the
 * prompts and results as plain text and no cursor codes; the terminal's own line editing applies, and there is no
 * TAB completion.
 *
 * Inputs are run one at a time, in order (`.load` reads its file asynchronously): lines typed meanwhile wait.
 */
import { createInterface } from 'node:readline';
import { createColors } from 'picocolors';
import { version } from '../version.js';
import { completeInput } from './completer.js';
import { QueryHistory, historySize, loadHistory, saveHistory } from './history.js';
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
  /** Whether the output is a terminal (readline's terminal mode: line editing, TAB, cursor codes). Default true. */
  readonly terminal?: boolean;
}

/** readline's Interface with the (undocumented but stable) properties the REPL reads. */
interface LineEditor {
  readonly line: string;
  readonly cursor: number;
  readonly history?: string[];
}

/** Runs the REPL until Ctrl-D or `.exit`; resolves to the exit status (0). */
export function runTerminal(session: ReplSession, opts: TerminalOptions): Promise<number> {
  const { input, output, color, historyFile } = opts;
  const terminal = opts.terminal !== false;
  const c = createColors(color);
  let pending: string[] = [];
  let warned = false;
  const entries = loadHistory(historyFile);

  const rl = createInterface({
    input,
    output,
    terminal,
    prompt,
    history: entries,
    // One more than kept: readline's own addition of a line (taken out again by QueryHistory) never pushes one out.
    historySize: historySize + 1,
    removeHistoryDuplicates: false,
    tabSize: 4,
    completer: (before: string) => {
      const editor = rl as unknown as LineEditor;
      const r = completeInput(before, editor.line.slice(editor.cursor), pending, session.options());
      // The rest of the word after the cursor is replaced too: delete it first (readline edits only before the cursor).
      for (let n = Array.from(r.cut).length; n > 0; n--) rl.write(null, { name: 'delete' });
      return [r.completions, r.typed];
    },
  });
  const history = new QueryHistory((rl as unknown as LineEditor).history ?? entries);
  const persist = () => {
    const error = saveHistory(historyFile, history.entries);
    if (error !== null && !warned) {
      warned = true;
      output.write(`${c.dim(`(history is not saved: ${error})`)}\n`);
    }
  };

  output.write(`${c.dim(`kq ${version} — type a query; TAB completes, .help lists commands, Ctrl-D exits.`)}\n`);
  rl.prompt();

  // After Ctrl-D, inputs read before it still run and show their results, with no prompt after them.
  let closed = false;
  const showPrompt = (text: string) => {
    if (closed) return;
    rl.setPrompt(text);
    rl.prompt();
  };
  const onLine = async (line: string) => {
    history.read(line);
    pending.push(line);
    const text = pending.join('\n');
    if (openConstruct(text) !== null) {
      showPrompt(continuationPrompt);
      return;
    }
    pending = [];
    history.commit(text);
    const result = await session.run(text);
    if (result.kind === 'exit') {
      if (!closed) rl.close();
      return;
    }
    output.write(renderResult(result, { color, width: output.columns ?? 100 }));
    persist();
    showPrompt(prompt);
  };
  // One input at a time, in the order typed.
  let queue: Promise<void> = Promise.resolve();
  rl.on('line', (line) => {
    queue = queue.then(() => onLine(line)).catch((e: unknown) => {
      output.write(`${c.red(`internal error: ${e instanceof Error ? e.message : String(e)}`)}\n`);
    });
  });

  rl.on('SIGINT', () => {
    const hadInput = rl.line.length > 0 || pending.length > 0;
    // Ctrl-E then Ctrl-U: to the end of the line, then delete it all. The unfinished input is not saved.
    rl.write(null, { ctrl: true, name: 'e' });
    rl.write(null, { ctrl: true, name: 'u' });
    pending = [];
    output.write(hadInput ? '\n' : `\n${c.dim('(To exit, press Ctrl-D or type .exit)')}\n`);
    rl.setPrompt(prompt);
    rl.prompt();
  });

  return new Promise((done) => {
    rl.on('close', () => {
      closed = true;
      void queue.then(() => {
        persist();
        output.write('\n');
        done(0);
      });
    });
  });
}
