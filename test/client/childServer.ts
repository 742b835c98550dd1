/**
 * The stand-in server in a child process, for tests that measure this process (heap) or signal a CLI: the child
 * generates `n` records (test/helpers/records.ts), starts `startServer` on 127.0.0.1 with `key`, and prints its URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** A server running in a child process: its URL, and `close()` to stop it. */
export interface ChildServer {
  readonly url: string;
  readonly child: ChildProcess;
  close(): Promise<void>;
}

/** Starts the stand-in with `n` generated records (`tieGroups` distinct updatedAt) in a child process. */
export async function startChildServer(n: number, tieGroups: number, key: string): Promise<ChildServer> {
  const serve = fileURLToPath(new URL('../../src/serve/index.ts', import.meta.url));
  const records = fileURLToPath(new URL('../helpers/records.ts', import.meta.url));
  const code =
    `const { startServer } = await import(${JSON.stringify(serve)}); const { generateRecords } = await import(${JSON.stringify(records)});` +
    `const s = await startServer({ records: generateRecords(${n}, { tieGroups: ${tieGroups} }), apiKeys: [${JSON.stringify(key)}], rateLimit: false });` +
    `console.log(s.url); process.stdin.resume(); process.stdin.on('end', () => s.close().then(() => process.exit(0)));`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.setEncoding('utf8');
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: string) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('http://'));
      if (line) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`the server child exited (${code}) before printing its URL`)));
  });
  return {
    url,
    child,
    async close() {
      if (child.exitCode !== null) return;
      child.stdin!.end();
      const timer = setTimeout(() => child.kill(), 5000);
      await once(child, 'exit');
      clearTimeout(timer);
    },
  };
}
