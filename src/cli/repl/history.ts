/**
 * The REPL's persistent history: a text file with one entry per line, oldest first, kept to the last
 * {@link historySize} entries. Its place is `--history <file>`, else `KQ_HISTORY`, else `~/.kq_history`; an empty
 * `KQ_HISTORY` (or `--history ''`) turns it off. Reading or writing it is never fatal: a file that cannot be read
 * starts an empty history, and one that cannot be written is reported once and then left alone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The most entries kept. */
export const historySize = 1000;

/** The history file for a flag value and the environment, or null when history is off. */
export function historyPath(flag: string | undefined, env: NodeJS.ProcessEnv): string | null {
  if (flag !== undefined) return flag === '' ? null : flag;
  const fromEnv = env.KQ_HISTORY;
  if (fromEnv !== undefined) return fromEnv === '' ? null : fromEnv;
  let home: string;
  try {
    home = homedir();
  } catch {
    return null;
  }
  return home ? join(home, '.kq_history') : null;
}

/** The saved entries, newest first (readline's order); empty when the file is missing or unreadable. */
export function loadHistory(path: string | null): string[] {
  if (path === null) return [];
  try {
    const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
    return lines.slice(-historySize).reverse();
  } catch {
    return [];
  }
}

/** Writes the history; `entries` newest first. Returns the error message, or null when it was written (or is off). */
export function saveHistory(path: string | null, entries: readonly string[]): string | null {
  if (path === null) return null;
  try {
    const lines = entries.slice(0, historySize).filter((e) => !/[\r\n]/.test(e)).reverse();
    writeFileSync(path, lines.length ? `${lines.join('\n')}\n` : '', { mode: 0o600 });
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
