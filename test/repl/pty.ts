/**
 * Driving the real `kq repl` through a pseudo-terminal (node-pty): keystrokes in, a screen out (screen.ts).
 *
 * The REPL runs from source (`node --import tsx src/cli/main.ts repl`), so the tests never depend on a stale
 * build. HOME and the history file point into a temporary folder, TERM is xterm, NO_COLOR is set unless a test
 * asks for colour. Nothing waits a fixed time: every wait polls the screen until its condition holds, and fails
 * with the screen's text after a timeout. `close()` kills the child (and waits for it), for use in `finally`.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as NodePty from 'node-pty';
import { Screen } from './screen.js';

const pty = createRequire(import.meta.url)('node-pty') as typeof NodePty;
const root = fileURLToPath(new URL('../..', import.meta.url));

/** How long any one wait may take (the first prompt includes starting node with tsx on a busy machine). */
export const waitMs = 30_000;

/** Options for {@link startRepl}. */
export interface StartOptions {
  /** The HOME of the child (a temporary folder). */
  readonly home: string;
  /** Arguments after `kq repl`. */
  readonly args?: readonly string[];
  /** Environment changes; `undefined` removes a variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cols?: number;
  readonly rows?: number;
  /** Pipe the REPL's output through `cat` (`kq repl | cat`): its input stays the terminal, its output is a pipe. */
  readonly pipeOutput?: boolean;
}

/** A running REPL. */
export interface ReplProcess {
  readonly screen: Screen;
  /** Everything the child wrote, escapes included. */
  raw(): string;
  /** Sends keystrokes (one chunk). */
  send(keys: string): void;
  /**
   * Sends text (one chunk), then waits until the cursor's line ends with it (readline echoed it). A TAB at its end
   * completes: it is processed with the text, so once the echo shows, the TAB was handled.
   */
  type(text: string): Promise<void>;
  /** Waits until `condition(screen)` holds; `what` describes it for the timeout error. */
  waitFor(condition: (screen: Screen) => boolean, what: string, ms?: number): Promise<void>;
  /** Waits for `text` anywhere in what was shown (scrollback included). */
  waitForText(text: string, ms?: number): Promise<void>;
  /** Resolves to the exit code when the child exits. */
  readonly exited: Promise<number>;
  /** Kills the child if it still runs, and waits for it. */
  close(): Promise<void>;
}

/** Starts `kq repl` in a pseudo-terminal and waits for its first prompt. */
export async function startRepl(opts: StartOptions): Promise<ReplProcess> {
  const cols = opts.cols ?? 100;
  const rows = opts.rows ?? 40;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  delete env.KQ_HISTORY;
  Object.assign(env, { HOME: opts.home, TERM: 'xterm', NO_COLOR: '1', FORCE_COLOR: '0' });
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const argv = ['--import', 'tsx', 'src/cli/main.ts', 'repl', ...(opts.args ?? [])];
  const [file, args] = opts.pipeOutput
    ? ['/bin/sh', ['-c', '"$0" "$@" | cat', process.execPath, ...argv]]
    : [process.execPath, argv];
  const child = pty.spawn(file, args, {
    name: 'xterm',
    cols,
    rows,
    cwd: root,
    env,
  });
  const screen = new Screen(cols, rows);
  let raw = '';
  let done = false;
  child.onData((d) => {
    raw += d;
    screen.write(d);
  });
  const exited = new Promise<number>((resolve) =>
    child.onExit(({ exitCode }) => {
      done = true;
      resolve(exitCode);
    }),
  );

  const waitFor = (condition: (s: Screen) => boolean, what: string, ms = waitMs) =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = () => {
        if (condition(screen)) return resolve();
        if (Date.now() - started > ms) {
          return reject(new Error(`timed out after ${ms} ms waiting for ${what}; the screen:\n${screen.text()}`));
        }
        setTimeout(poll, 15);
      };
      poll();
    });

  const repl: ReplProcess = {
    screen,
    raw: () => raw,
    send: (keys) => child.write(keys),
    async type(text) {
      child.write(text);
      // A TAB that ends the text completes rather than echoes: wait for the rest.
      const echo = text.replace(/\t$/, '');
      await waitFor((s) => s.cursorLine().endsWith(echo), `the echo of ${JSON.stringify(echo)}`);
    },
    waitFor,
    waitForText: (text, ms) => waitFor((s) => s.text().includes(text), JSON.stringify(text), ms),
    exited,
    async close() {
      if (!done) {
        try {
          child.kill('SIGKILL');
        } catch {
          // already gone
        }
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    },
  };
  try {
    await waitFor((s) => s.cursorLine() === 'kq>', 'the first prompt');
  } catch (e) {
    await repl.close();
    throw e;
  }
  return repl;
}
