/**
 * `kq repl`: an interactive session for trying queries (src/cli/repl/): on a terminal, a readline prompt with TAB
 * completion, history and coloured results; with piped input, one JSON result per line.
 */
import { openRecordFile } from '../../node/index.js';
import { historyPath } from '../repl/history.js';
import { runPiped } from '../repl/piped.js';
import { ReplSession } from '../repl/session.js';
import { runTerminal } from '../repl/terminal.js';
import { type Command, UsageError, compileFlags, compileOptions, stringFlag } from '../common.js';

/** `kq repl`. */
export const replCommand: Command = {
  names: ['repl'],
  usage: `  kq repl                  try queries interactively: TAB completion, history, .help for commands (piped: one JSON result per line)`,
  optionsHelp: `Options for repl (and the compile options above as its starting settings):
  --history <file>         the history file (default: $KQ_HISTORY, else ~/.kq_history; '' for none)`,
  options: { ...compileFlags, history: { type: 'string' } },
  async run(_name, rest, values, io) {
    if (rest.length) throw new UsageError('kq repl takes no query argument: type queries at the prompt, or pipe them in');
    const session = new ReplSession(compileOptions(values), { read: (path, maxBytes) => openRecordFile(path, { regularOnly: true, maxTotalBytes: maxBytes }) });
    const input = io.stdin ?? process.stdin;
    if (!io.stdinIsTTY) return runPiped(session, input, io.stdout);
    // Colour and readline's terminal mode follow the output (the REPL writes everything to stdout): with
    // `kq repl | tee log` no cursor codes go into the log. NO_COLOR and the flags apply too.
    const outputIsTTY = process.stdout.isTTY === true;
    const color = values.color === true || (io.color && outputIsTTY);
    return runTerminal(session, {
      input,
      output: process.stdout,
      color,
      historyFile: historyPath(stringFlag(values, 'history'), process.env),
      terminal: outputIsTTY,
    });
  },
};
