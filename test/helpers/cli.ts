/**
 * Runs `kq` in process, as the CLI tests do: `main(args, io)` with captured stdout/stderr and a given stdin.
 */
import { Readable } from 'node:stream';
import { main, type CliIO } from '../../src/cli/main.js';

/** The outcome of one `kq` run: exit status and everything written to stdout and stderr. */
export interface KqRun {
  readonly status: number;
  readonly out: string;
  readonly err: string;
}

/**
 * Runs `kq args` with `stdin` (not a terminal, no colour): text, or bytes as the real process reads them (a Buffer:
 * to test UTF-8 checks). With `stream`, stdin is also given as a stream (the commands that read records one at a time
 * use it); otherwise only through `readStdin`.
 */
export async function kq(args: string[], stdin: string | Uint8Array = '', stream = false): Promise<KqRun> {
  let out = '';
  let err = '';
  const io: CliIO = {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    readStdin: async () => stdin,
    stdinIsTTY: false,
    color: false,
    ...(stream ? { stdin: Readable.from([Buffer.from(stdin)]) } : {}),
  };
  const status = await main(args, io);
  return { status, out, err };
}
