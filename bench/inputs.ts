/**
 * The benchmark's inputs: the queries compiled, the peers' equivalent strings, and the pathological inputs of the
 * linear-time check. Every query here is built from whole valid clauses, so that a size target never cuts one in
 * half; {@link assertCompiles} and {@link assertPeerParses} make an input that stopped compiling fail the run loudly
 * instead of timing an error path.
 */
import type { CompileOptions, CompileResult } from '../src/index.js';
import { mulberry32 } from '../scripts/random.mjs';

/** The signature of `compile`, from whichever build is being timed. */
export type CompileFn = (text: string, opts?: CompileOptions) => CompileResult;

/** A fixed clock, so relative dates (none today) and the compile result never depend on when the bench runs. */
export const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);

/**
 * Options for every compile in the bench: the fixed clock, room for the 1 MB inputs (4 MiB), and `nested`: the long
 * AND inputs (2 KB, 100 clauses, the per-byte ones) put more than Kustomer's 20 items in one group, which `nested`
 * regroups (without it they are KQ3005 errors); under 20 items it changes nothing, so the typical query's criteria
 * are the same either way.
 */
export const OPTS: CompileOptions = { now: NOW, maxLength: 4 * 1_048_576, nested: true };

/** The short query. */
export const SHORT = 'conversation_status:open';

/** The typical query: a value list, a number and a date comparison, and a sort. */
export const TYPICAL =
  'conversation_status:(open OR snoozed) AND conversation_priority>=3 AND conversation_created_at>=2024-01-01 ' +
  'sort:conversation_updated_at-desc';

/** {@link TYPICAL} without its sort directive: the part the peers' strings can express. */
export const TYPICAL_NO_SORT =
  'conversation_status:(open OR snoozed) AND conversation_priority>=3 AND conversation_created_at>=2024-01-01';

/**
 * {@link TYPICAL_NO_SORT} in lucene's syntax: lucene has no `>=`, so open ranges `[x TO *]`; the sort directive has
 * no Lucene equivalent and is left out.
 */
export const TYPICAL_LUCENE =
  'conversation_status:(open OR snoozed) AND conversation_priority:[3 TO *] AND conversation_created_at:[2024-01-01 TO *]';

/**
 * {@link TYPICAL_NO_SORT} in liqe's syntax: liqe has `:>=`, but no `field:(a OR b)` value group (a syntax error in
 * 3.8.7), so the field is repeated inside a parenthesised group.
 */
export const TYPICAL_LIQE =
  '(conversation_status:open OR conversation_status:snoozed) AND conversation_priority:>=3 AND ' +
  'conversation_created_at:>=2024-01-01';

/** Valid conversation clauses of several kinds, cycled through to build the long AND queries. */
const CLAUSES = [
  'conversation_status:open',
  'conversation_priority>=3',
  'conversation_created_at>=2024-01-01',
  'conversation_updated_at<2025-06-30',
  'conversation_status:(open OR snoozed)',
  'conversation_message_count>2',
  'conversation_channels:email',
  'conversation_name:refund',
  'conversation_tags:vip',
  'conversation_priority<=5',
];

/** `parts` joined with `sep`, taking them cyclically until the text is at least `minLength` long. */
function joinUntil(parts: (i: number) => string, sep: string, minLength: number): string {
  const out: string[] = [];
  let length = 0;
  for (let i = 0; length < minLength; i++) {
    const part = parts(i);
    length += part.length + (i > 0 ? sep.length : 0);
    out.push(part);
  }
  return out.join(sep);
}

/** About 2 KB of AND-ed clauses of mixed kinds. */
export const TWO_KB = joinUntil((i) => CLAUSES[i % CLAUSES.length]!, ' AND ', 2048);

/** Comparisons with a value that varies with `i`, so that no two of the 100 clauses are equal. */
const COMPARISONS = [
  (i: number) => `conversation_message_count>=${i}`,
  (i: number) => `conversation_created_at>=2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
  (i: number) => `conversation_first_response_time<${1000 + i}`,
  (i: number) => `conversation_note_count<=${i + 5}`,
];

/** 100 AND-ed comparisons over four number and date fields. */
export const HUNDRED_CLAUSES = Array.from({ length: 100 }, (_, i) => COMPARISONS[i % COMPARISONS.length]!(i)).join(
  ' AND ',
);

/** The one clause repeated to build the per-byte inputs. */
export const PER_BYTE_CLAUSE = 'conversation_status:open';

/** {@link PER_BYTE_CLAUSE} AND-ed with itself until the query is at least `bytes` long (ASCII, so bytes = chars). */
export function repeatedClause(bytes: number): string {
  return joinUntil(() => PER_BYTE_CLAUSE, ' AND ', bytes);
}

/** Throws, naming the input, unless `compile(text)` gives criteria and no error diagnostic. */
export function assertCompiles(compile: CompileFn, name: string, text: string): void {
  const result = compile(text, OPTS);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (!result.criteria || errors.length > 0) {
    const first = errors.slice(0, 3).map((d) => `  ${d.code} ${d.message}`);
    throw new Error(`bench input '${name}' (${text.length} chars) does not compile:\n${first.join('\n')}`);
  }
}

/** Throws, naming the peer, unless `parse(text)` returns without throwing. */
export function assertPeerParses(peer: string, parse: (text: string) => unknown, text: string): void {
  try {
    parse(text);
  } catch (e) {
    throw new Error(`peer ${peer} cannot parse its benchmark string ${JSON.stringify(text)}: ${String(e)}`);
  }
}

/** A pathological input family of the linear-time check: `make(n)` returns about `n` UTF-16 code units. */
export interface Pathological {
  readonly name: string;
  /** What the compiler is expected to do with it, for the report. */
  readonly expect: string;
  readonly make: (n: number) => string;
}


/**
 * `n` UTF-16 code units of random code points: printable ASCII (a quarter, so operators, quotes, parentheses and
 * backslashes appear), the rest of the BMP without surrogates, and astral planes (surrogate pairs).
 */
function randomUnicode(n: number): string {
  const rand = mulberry32(0x6b71);
  const out: string[] = [];
  let length = 0;
  while (length < n) {
    const r = rand();
    let cp: number;
    if (r < 0.25) cp = 0x20 + Math.floor(rand() * 0x5f);
    else if (r < 0.6) cp = 0xa0 + Math.floor(rand() * (0xd800 - 0xa0));
    else if (r < 0.8) cp = 0xe000 + Math.floor(rand() * (0xfffe - 0xe000));
    else cp = 0x10000 + Math.floor(rand() * (0x110000 - 0x10000));
    const s = String.fromCodePoint(cp);
    if (length + s.length > n) break;
    out.push(s);
    length += s.length;
  }
  return out.join('').padEnd(n, 'x');
}

/** The pathological inputs of the linear-time check. */
export const PATHOLOGICAL: readonly Pathological[] = [
  {
    name: 'spaces',
    expect: 'criteria',
    make: (n) => {
      const term = 'conversation_status:open';
      const pad = ' '.repeat(Math.max(0, (n - 2 * term.length) >> 1));
      return pad + term + pad + term;
    },
  },
  { name: '((((', expect: 'KQ1014 too deep', make: (n) => '('.repeat(n) },
  { name: 'a OR a OR …', expect: 'criteria', make: (n) => joinUntil(() => 'a', ' OR ', n) },
  {
    name: 'quoted string',
    expect: 'criteria',
    make: (n) => `customer_name:"${'x'.repeat(Math.max(0, n - 16))}"`,
  },
  {
    name: '\\\\ escapes (quoted)',
    expect: 'criteria',
    make: (n) => `customer_name:"${'\\\\'.repeat(Math.max(0, (n - 16) >> 1))}"`,
  },
  {
    name: '\\\\ escapes (bare)',
    expect: 'criteria',
    make: (n) => `customer_name:${'\\\\'.repeat(Math.max(0, (n - 14) >> 1))}`,
  },
  { name: 'random unicode', expect: 'anything', make: randomUnicode },
];

/** The sizes of the linear-time check, in UTF-16 code units. */
export const LINEAR_SIZES = [10_000, 100_000, 1_000_000] as const;

/**
 * Clauses of the 40-clause OR, varied by `i`: equalities on four fields (normalize merges each field's into one `in`)
 * and a number comparison, so the 40 clauses fit Kustomer's 20-item `or` (KQ3005 beyond) as 12 criteria.
 */
const OR_CLAUSES = [
  (i: number) => `conversation_status:${['open', 'snoozed', 'done'][i % 3]}`,
  (i: number) => `conversation_priority:${(i % 5) + 1}`,
  (i: number) => `conversation_channels:${['email', 'chat', 'sms', 'voice'][i % 4]}`,
  (i: number) => `conversation_tags:tag${i}`,
  (i: number) => `conversation_message_count>${i}`,
];

/**
 * 40 OR-ed clauses (the profile's "40-clause OR" class): their `or` output is short beside the query, which makes
 * compile ÷ JSON.parse the hardest ratio here.
 */
export const FORTY_OR = Array.from({ length: 40 }, (_, i) => OR_CLAUSES[i % OR_CLAUSES.length]!(i)).join(' OR ');

/**
 * {@link TYPICAL} with its first field misspelt (`conversation_stauts`): the did-you-mean search runs, and compile
 * returns KQ2001 with suggestions instead of criteria.
 */
export const MISSPELT = TYPICAL.replace('conversation_status', 'conversation_stauts');
