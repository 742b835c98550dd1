/**
 * The REPL with piped input, for scripts: no prompt, no colour, one JSON result per input line (blank lines give
 * nothing; `.exit` stops). Each line is one whole input: a query or a dot-command. The exit status is 1 when any
 * query had errors or any command failed, else 0.
 */
import { createInterface } from 'node:readline';
import { jsonResult } from './render.js';
import type { ReplSession } from './session.js';

/** Reads `input` to its end (or `.exit`), writing one JSON line per result; resolves to the exit status. */
export async function runPiped(session: ReplSession, input: NodeJS.ReadableStream, write: (text: string) => void): Promise<number> {
  const rl = createInterface({ input, terminal: false, crlfDelay: Infinity });
  let failed = false;
  try {
    for await (const line of rl) {
      const result = await session.run(line);
      if (result.kind === 'exit') break;
      if (result.kind === 'empty') continue;
      if ((result.kind === 'query' && !result.criteria) || (result.kind === 'command' && !result.ok)) failed = true;
      write(`${jsonResult(result)}\n`);
    }
  } finally {
    rl.close();
  }
  return failed ? 1 : 0;
}
