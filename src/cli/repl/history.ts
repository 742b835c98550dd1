/**
 * The REPL's persistent history: one entry per query, in a text file with one entry per line, oldest first, kept to
 * the last {@link historySize} entries. Its place is `--history <file>`, else `KQ_HISTORY`, else `~/.kq_history`; an
 * empty `KQ_HISTORY` (or `--history ''`) turns it off. Reading or writing it is never fatal: a file that cannot be
 * read starts an empty history, and one that cannot be written is reported once and then left alone.
 *
 * A query typed over several lines is one entry, on one line ({@link oneLineEntry}): a line break inside a quoted
 * string is kept as the escape `\n` (so the string is the same), one between terms becomes a space (the same query).
 * readline adds every line it reads to its history, fragments of an unfinished query too; {@link QueryHistory}
 * takes them out again and adds each finished query once, so an input cancelled with Ctrl-C leaves nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { tokenize } from '../../index.js';

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

/**
 * `text` (an input, possibly of several lines) as one line that reads back as the same input: a line break inside a
 * quoted string becomes the escape `\n` (`\r` for a carriage return), one outside tokens becomes a space. `null`
 * when that cannot be done: a line break escaped in a bare word (`a\` then a new line), which no one-line spelling
 * keeps — such an input is not saved. A text without line breaks is returned as it is.
 */
export function oneLineEntry(text: string): string | null {
  if (!/[\r\n]/.test(text)) return text;
  const scan = tokenize(text);
  if (scan.tokens.length === 0 && text.trim() !== '' && scan.openQuote < 0) return null; // not lexed (over the length limit)
  let out = '';
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\n' && c !== '\r') {
      out += c;
      continue;
    }
    while (k < scan.tokens.length && scan.tokens[k]!.end <= i) k++;
    const token = scan.tokens[k];
    const inToken = token !== undefined && token.start <= i;
    const inOpenQuote = scan.openQuote >= 0 && i > scan.openQuote;
    if ((inToken && token.quoted) || (!inToken && inOpenQuote)) out += c === '\n' ? '\\n' : '\\r';
    else if (inToken) return null;
    else out += ' ';
  }
  return out;
}

/**
 * One entry per query in readline's history array (`entries`, newest first — the array readline was given, which it
 * changes as it reads lines). readline adds each non-blank line it reads unless it equals the newest entry;
 * {@link QueryHistory.read} takes that line out again, and {@link QueryHistory.commit} adds the finished input once
 * (its {@link oneLineEntry}), removing an older identical entry and keeping at most {@link historySize}. Give readline
 * a `historySize` one larger, so that its own additions never push an entry out. `removeHistoryDuplicates` must be
 * off (this class removes duplicates when it commits).
 */
export class QueryHistory {
  /** The newest entry as this class left it: readline does not add a line equal to it. */
  private newest: string | undefined;

  constructor(readonly entries: string[]) {
    this.newest = entries[0];
  }

  /** A line readline read (and added to the history, unless it is blank or equal to the newest entry). */
  read(line: string): void {
    if (line.trim() !== '' && line !== this.newest && this.entries[0] === line) this.entries.shift();
    this.newest = this.entries[0];
  }

  /** A finished input (the lines of a multi-line query joined with `\n`): saved as one entry. Blank input is not. */
  commit(text: string): void {
    const entry = oneLineEntry(text.trim());
    if (entry !== null && entry !== '') {
      const at = this.entries.indexOf(entry);
      if (at >= 0) this.entries.splice(at, 1);
      this.entries.unshift(entry);
      if (this.entries.length > historySize) this.entries.length = historySize;
    }
    this.newest = this.entries[0];
  }
}
