/**
 * `kq repl`: an interactive session for trying queries (src/cli/repl/): on a terminal, a readline prompt with TAB
 * completion, history and coloured results; with piped input, one JSON result per line.
 */
import { readFileSync } from 'node:fs';
import { historyPath } from '../repl/history.js';
import { runPiped } from '../repl/piped.js';
import { ReplSession } from '../repl/session.js';
import { runTerminal } from '../repl/terminal.js';
import { type Command, UsageError, compileFlags, compileOptions, stringFlag } from '../shared.js';

/** `kq repl`. */
export const replCommand: Command = {
  names: ['repl'],
  usage: `  kq repl                  try queries interactively: TAB completion, history, .help for commands (piped: one JSON result per line)`,
  optionsHelp: `Options for repl (and the compile options above as its starting settings):
  --history <file>         the history file (default: $KQ_HISTORY, else ~/.kq_history; '' for none)`,
  options: { ...compileFlags, history: { type: 'string' } },
  async run(_name, rest, values, io) {
    if (rest.length) throw new UsageError('kq repl takes no query argument: type queries at the prompt, or pipe them in');
    const session = new ReplSession(compileOptions(values), { readFile: (path) => readFileSync(path, 'utf8') });
    const input = io.stdin ?? process.stdin;
    if (!io.stdinIsTTY) return runPiped(session, input, io.stdout);
    // Colour follows the terminal of the output (the REPL writes everything to stdout), NO_COLOR and the flags.
    const color = values.color === true || (io.color && process.stdout.isTTY === true);
    return runTerminal(session, {
      input,
      output: process.stdout,
      color,
      historyFile: historyPath(stringFlag(values, 'history'), process.env),
    });
  },
};
