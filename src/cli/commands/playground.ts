/**
 * `kq playground [--port N]`: serves the playground page (src/playground/, built into dist/playground/) on
 * 127.0.0.1 — a CodeMirror search box with the kustomer-query extension, the criteria JSON, diagnostics, the
 * explanation and the matching sample records as you type — until Ctrl-C (SIGINT) or SIGTERM.
 */
import { defaultPlaygroundPort, startPlayground } from '../../node/index.js';
import { type Command, UsageError, stringFlag } from '../common.js';

/** `kq playground`. */
export const playgroundCommand: Command = {
  names: ['playground'],
  usage: `  kq playground [--port N]  a web page to try queries in an editor (127.0.0.1, default port ${defaultPlaygroundPort}; 0 picks a free port)`,
  options: { port: { type: 'string' } },
  async run(_name, rest, values, io) {
    if (rest.length) throw new UsageError('kq playground takes no arguments (did you mean --port N?)');
    const given = stringFlag(values, 'port');
    if (given !== undefined && (!/^\d{1,5}$/.test(given) || Number(given) > 65535)) throw new UsageError(`--port: expected a port number 0–65535, got '${given}'`);
    const port = given === undefined ? defaultPlaygroundPort : Number(given);
    let playground;
    try {
      playground = await startPlayground({ port });
    } catch (error) {
      io.stderr(`kq playground: ${(error as Error).message}\n`);
      return 1;
    }
    io.stdout(`kustomer-query playground: ${playground.url}  (Ctrl-C to stop)\n`);
    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    await playground.close();
    return 0;
  },
};
