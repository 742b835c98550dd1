/**
 * Lookups: the names of the things Kustomer's search criteria hold by id — tags, users, teams, routing queues — from
 * the org's schema (`OrgSchema.lookups`, `currentUser`), indexed once per schema object for three jobs:
 * - names → ids ({@link resolveName}): the checker turns `conversation_tags:billing` into the tag's id;
 * - ids → names ({@link LookupTable.byId}, {@link spellingOf}): decompile, explain and hover show names;
 * - completion ({@link LookupTable.prefix}): a sorted prefix index, so 5,000 tags cost a binary search.
 *
 * Facts (kustomer-api-live.md §1c, §3; kustomer-search-api.md §2.3, §5.3): user, team and queue attributes hold
 * 24-hex ids (the schema's `collection` keyword); tags (`conversation_tags`, `customer_tags`, `company_tags`) hold
 * tag ids too — the search schema types them as plain strings, but JAS maps `conversation.attributes.tags` (ids) to
 * names through `GET /v1/tags`, and Kustomer's own queue rules filter `conversation_tags` by tag id.
 *
 * Case: whether Kustomer compares tag (or team, queue) names case-insensitively is not documented (the reference
 * lists the response fields only, kustomer-api-live.md §3 "Unknown"). So a name is matched exactly first, then, when
 * nothing matches exactly, case-insensitively if that gives one thing (the checker warns, KQ2043, naming the stored
 * spelling). E-mail addresses always match case-insensitively (mail systems treat them so in practice).
 */
import type { OrgLookups, OrgSchema, OrgUser } from '../org/types.js';
import { closest, maxSuggestLength, suggestionThreshold } from '../suggest.js';
import { buildPrefixIndex, searchPrefix, type PrefixIndex } from './prefix.js';

/** What a lookup lists: the keys of `OrgSchema.lookups`. */
export type LookupKind = 'tags' | 'users' | 'teams' | 'queues';

/** Every {@link LookupKind}. */
export const lookupKinds: readonly LookupKind[] = /* @__PURE__ */ Object.freeze(['tags', 'users', 'teams', 'queues'] as const);

/** One of a kind, in words: `tag`, `user`, `team`, `queue`. */
export function lookupNoun(kind: LookupKind): string {
  return kind.slice(0, -1);
}

/**
 * One tag, user, team or queue: `id` (what criteria hold), `name`, and for users `email`; `displayName` when the
 * API gave one that differs from `name`; `deleted` for a deleted tag/user/team (kept so old ids still read).
 */
export interface LookupEntry {
  readonly kind: LookupKind;
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  readonly displayName?: string;
  readonly deleted: boolean;
}

/** A 24-hex id, the form of every Kustomer object id (kustomer-search-api.md §2.3: `^[A-Fa-f\d]{24}$`). */
export const lookupIdPattern = /^[A-Fa-f\d]{24}$/;

/** True when `text` is written as an id (24 hex digits): such a value is sent as it is, never looked up by name. */
export function isLookupId(text: string): boolean {
  return lookupIdPattern.test(text);
}

/** The most names compared for one "did you mean" (beyond it the nearest are not searched further). */
const maxCompared = 20_000;

/** Items of one kind by id and by name, and the indexes built on first use. */
export class LookupTable {
  /** Every entry, in the schema's order. */
  readonly entries: readonly LookupEntry[];
  /** Entries by id (the first one wins if the schema lists an id twice). */
  readonly byId: ReadonlyMap<string, LookupEntry>;
  private readonly exact = new Map<string, LookupEntry[]>();
  private readonly folded = new Map<string, LookupEntry[]>();
  private prefixIndex: PrefixIndex<LookupEntry> | undefined;
  private byLength: Map<number, string[]> | undefined;

  /** Builds the table of `kind` from the schema's list (entries without a string `id` and `name` are skipped). */
  constructor(
    readonly kind: LookupKind,
    list: readonly unknown[],
  ) {
    const entries: LookupEntry[] = [];
    const byId = new Map<string, LookupEntry>();
    for (const raw of list) {
      const entry = toEntry(kind, raw);
      if (entry === null) continue;
      entries.push(entry);
      if (!byId.has(entry.id)) byId.set(entry.id, entry);
      for (const key of namesOf(entry)) {
        add(this.exact, key, entry);
        add(this.folded, key.toLowerCase(), entry);
      }
      if (entry.email !== undefined) add(this.folded, entry.email.toLowerCase(), entry);
    }
    this.entries = entries;
    this.byId = byId;
  }

  /** The entries named exactly `name` (names and display names; not e-mails), distinct. */
  named(name: string): readonly LookupEntry[] {
    return this.exact.get(name) ?? [];
  }

  /** The entries whose name, display name or e-mail is `text` ignoring case, distinct. */
  namedIgnoringCase(text: string): readonly LookupEntry[] {
    return this.folded.get(text.toLowerCase()) ?? [];
  }

  /**
   * The prefix index for completion (built on first use, O(n log n)): each entry under its name, display name,
   * e-mail, and each later word of its name (`issue` finds `billing issue`).
   */
  get prefix(): PrefixIndex<LookupEntry> {
    if (this.prefixIndex === undefined) {
      const pairs: [string, LookupEntry][] = [];
      for (const e of this.entries) {
        for (const key of namesOf(e)) {
          pairs.push([key, e]);
          const words = key.split(/[\s_\-/.]+/);
          for (let i = 1; i < words.length && i < 8; i++) if (words[i]) pairs.push([words.slice(i).join(' '), e]);
        }
        if (e.email !== undefined) pairs.push([e.email, e]);
      }
      this.prefixIndex = buildPrefixIndex(pairs);
    }
    return this.prefixIndex;
  }

  /**
   * Up to `max` names close to `written` ("did you mean"), nearest first: names (and e-mails) within the edit
   * distance of `closest` (src/schema/suggest.ts), compared only against names of a similar length (an index by
   * length, built on first use) and never more than 20,000 of them; then names that start with `written`.
   */
  suggest(written: string, max = 3): string[] {
    if (written.length === 0 || written.length > maxSuggestLength) return [];
    if (this.byLength === undefined) {
      this.byLength = new Map();
      const seen = new Set<string>();
      for (const e of this.entries) {
        if (e.deleted) continue;
        for (const key of [...namesOf(e), ...(e.email !== undefined ? [e.email] : [])]) {
          if (seen.has(key) || key.length > maxSuggestLength) continue;
          seen.add(key);
          add(this.byLength, key.length, key);
        }
      }
    }
    const limit = suggestionThreshold(written);
    const lower = written.toLowerCase();
    const counts = new Int32Array(256);
    for (let i = 0; i < lower.length; i++) {
      const c = lower.charCodeAt(i);
      counts[(c >= 65 && c <= 90 ? c + 32 : c) & 255]!++;
    }
    const pool: string[] = [];
    let compared = 0;
    for (let len = Math.max(1, written.length - limit); len <= written.length + limit && compared < maxCompared; len++) {
      for (const key of this.byLength.get(len) ?? []) {
        if (++compared > maxCompared) break;
        if (bagDistance(counts, key, lower.length) <= limit) pool.push(key);
      }
    }
    const out = closest(written, pool, max);
    if (out.length < max) {
      const hits = searchPrefix(this.prefix, written, max * 2, (e) => !e.deleted);
      for (const e of hits.items) {
        const s = e.name;
        if (out.length >= max) break;
        if (!out.includes(s) && s !== written) out.push(s);
      }
    }
    return out;
  }
}

/**
 * A lower bound of the edit distance between the text counted in `counts` (`length` characters, lower case,
 * character codes folded into 256 buckets; restored before returning) and `key`: the larger of the characters one
 * has and the other lacks (each edit fixes at most one of each). Folding buckets only merges counts, so it stays a
 * lower bound; it costs O(|key|), against O(|a|·|b|) for the distance itself, and lets "did you mean" skip most of
 * 5,000 names at once.
 */
function bagDistance(counts: Int32Array, key: string, length: number): number {
  const taken: number[] = [];
  let extra = 0;
  for (let i = 0; i < key.length; i++) {
    let c = key.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32; // ASCII lower case; other letters fold by bucket only (still a lower bound)
    const b = c & 255;
    if (counts[b]! > 0) {
      counts[b]!--;
      taken.push(b);
    } else extra++;
  }
  for (const b of taken) counts[b]!++;
  return Math.max(extra, length - taken.length);
}

function add<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

/** An entry's names: its `name`, and its `displayName` when that differs. */
function namesOf(e: LookupEntry): string[] {
  return e.displayName !== undefined ? [e.name, e.displayName] : [e.name];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** A schema list item as an entry, or null when it has no string `id` and `name`. */
function toEntry(kind: LookupKind, raw: unknown): LookupEntry | null {
  if (raw === null || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const id = str(r['id']);
  const name = str(r['name']);
  if (id === undefined || name === undefined) return null;
  const email = kind === 'users' ? str(r['email']) : undefined;
  const displayName = str(r['displayName']);
  return {
    kind,
    id,
    name,
    ...(email !== undefined ? { email } : {}),
    ...(displayName !== undefined && displayName !== name ? { displayName } : {}),
    deleted: r['deleted'] === true,
  };
}

/** Tables by the schema list they index (the list's identity): built once, whatever options object holds the list. */
const tableCache = new WeakMap<readonly unknown[], LookupTable>();

/**
 * The lookups of one set of options: a table per kind the lists have (built on first use — a query about tags never
 * indexes users — and cached on the list), and the pulling user.
 */
export class Lookups {
  /** The user the schema was pulled as (`OrgSchema.currentUser`), the meaning of `@me`; absent when unknown. */
  readonly currentUser: LookupEntry | undefined;

  /** Lookups over `lookups` (the schema's lists) and `currentUser`. */
  constructor(
    private readonly lookups: OrgLookups | undefined,
    currentUser: OrgUser | undefined,
  ) {
    this.currentUser = currentUser === undefined ? undefined : toEntry('users', currentUser) ?? undefined;
  }

  /** The table of `kind`, or null when there is no list of that kind (not pulled: unknown, not empty). */
  table(kind: LookupKind): LookupTable | null {
    const list = this.lookups?.[kind];
    if (!Array.isArray(list)) return null;
    let t = tableCache.get(list);
    if (t === undefined) {
      t = new LookupTable(kind, list);
      tableCache.set(list, t);
    }
    return t;
  }

  /** The entry of `id` in the table of `kind` (for users also the current user), or undefined. */
  entryOf(kind: LookupKind, id: string): LookupEntry | undefined {
    const hit = this.table(kind)?.byId.get(id);
    if (hit !== undefined) return hit;
    return kind === 'users' && this.currentUser?.id === id ? this.currentUser : undefined;
  }
}

const cache = new WeakMap<object, WeakMap<object, Lookups>>();
const noUser = {};

const objectOrUndefined = <T>(v: T | null | undefined): T | undefined => (v !== null && typeof v === 'object' ? v : undefined);

/**
 * The lookups of a set of options: the lists `opts.lookups`, else `opts.schema.lookups` (an `OrgSchema`), and the
 * pulling user `opts.schema.currentUser`; null when the options have neither a schema nor lookups. Cached by the
 * identity of the lists and the user (so neither may be changed after first use); the tables are built once per
 * list. Never throws.
 */
export function lookupsFor(opts: { readonly schema?: OrgSchema | undefined; readonly lookups?: OrgLookups | undefined } | null | undefined): Lookups | null {
  const schema = objectOrUndefined(opts?.schema);
  const lookups = objectOrUndefined(opts?.lookups) ?? objectOrUndefined(schema?.lookups);
  if (schema === undefined && lookups === undefined) return null;
  const me = objectOrUndefined(schema?.currentUser);
  const key = lookups ?? noUser;
  let byUser = cache.get(key);
  if (byUser === undefined) {
    byUser = new WeakMap();
    cache.set(key, byUser);
  }
  let hit = byUser.get(me ?? noUser);
  if (hit === undefined) {
    hit = new Lookups(lookups, me);
    byUser.set(me ?? noUser, hit);
  }
  return hit;
}

// --- Names → ids ------------------------------------------------------------------------------------------------------

/**
 * How a name written in a query resolves ({@link resolveName}):
 * - `ok`: `entry` is what it names; `match` says how: `exact` (a name, display name or e-mail as stored; e-mails in
 *   any case), `case` (a name matched only ignoring case, the one such), `me` (`@me`, the pulling user);
 * - `unknown`: nothing has that name; `suggestions` are close names, best first;
 * - `ambiguous`: several things have that name (`candidates`, live ones only when any is live); `suggestions` are
 *   what to write instead, one per candidate: a user's e-mail, else a name only that one has exactly, else its id;
 * - `noCurrentUser`: `@me`, but the schema does not say who pulled it.
 */
export type NameResolution =
  | { readonly ok: true; readonly entry: LookupEntry; readonly match: 'exact' | 'case' | 'me' }
  | { readonly ok: false; readonly problem: 'unknown'; readonly suggestions: readonly string[] }
  | { readonly ok: false; readonly problem: 'ambiguous'; readonly candidates: readonly LookupEntry[]; readonly suggestions: readonly string[] }
  | { readonly ok: false; readonly problem: 'noCurrentUser' };

/** `@me`: the user the schema was pulled as (`currentUser`), in any user attribute. */
export const meKeyword = '@me';

/** Live entries when there are any, else all; distinct by id. */
function preferLive(list: readonly LookupEntry[]): LookupEntry[] {
  const live = list.filter((e) => !e.deleted);
  const chosen = live.length > 0 ? live : [...list];
  const ids = new Set<string>();
  return chosen.filter((e) => (ids.has(e.id) ? false : (ids.add(e.id), true)));
}

/**
 * The ambiguity of `candidates`; the suggestions are what names each one alone: a user's e-mail, else a name that
 * matches that one exactly (`Urgent` and `urgent` for `URGENT`), else the id.
 */
function ambiguous(table: LookupTable, candidates: readonly LookupEntry[]): NameResolution {
  const alone = (c: LookupEntry): string => {
    if (c.email !== undefined) return c.email;
    const same = preferLive(table.named(c.name));
    return same.length === 1 && same[0] === c && !isLookupId(c.name) ? c.name : c.id;
  };
  return { ok: false, problem: 'ambiguous', candidates, suggestions: candidates.slice(0, 5).map(alone) };
}

/**
 * Resolves `written`, a value as written in a query (not a 24-hex id: callers send those unchanged, see
 * {@link isLookupId}) for an attribute holding ids of `kind`. `@me` on users is the pulling user. Then: an exact
 * name, display name or e-mail (e-mails ignoring case); else a unique case-insensitive match; live entries win over
 * deleted ones with the same name. Returns null when the schema has no list of `kind` (the value is then checked as
 * before: an id is required for users, teams and queues). Time: map lookups; "did you mean" only on failure.
 */
export function resolveName(lookups: Lookups | null, kind: LookupKind, written: string): NameResolution | null {
  if (kind === 'users' && written === meKeyword) {
    const me = lookups?.currentUser;
    return me === undefined ? { ok: false, problem: 'noCurrentUser' } : { ok: true, entry: me, match: 'me' };
  }
  const table = lookups?.table(kind) ?? null;
  if (table === null) return null;
  const exact = preferLive(kind === 'users' && written.includes('@') ? [...table.named(written), ...table.namedIgnoringCase(written).filter((e) => e.email?.toLowerCase() === written.toLowerCase())] : table.named(written));
  if (exact.length === 1) return { ok: true, entry: exact[0]!, match: 'exact' };
  if (exact.length > 1) return ambiguous(table, exact);
  const loose = preferLive(table.namedIgnoringCase(written));
  if (loose.length === 1) return { ok: true, entry: loose[0]!, match: 'case' };
  if (loose.length > 1) return ambiguous(table, loose);
  return { ok: false, problem: 'unknown', suggestions: table.suggest(written) };
}

/**
 * How an entry is written in a query: a user by e-mail (unique, and a bare word), else by name; others by name.
 * {@link readsBack} says whether that spelling resolves to the entry again.
 */
export function spellingOf(entry: LookupEntry): string {
  return entry.kind === 'users' && entry.email !== undefined ? entry.email : entry.name;
}

/**
 * The spelling of the entry with id `id` that resolves back to that very id exactly (no case match, no ambiguity,
 * not `@me`, not itself a 24-hex id), or undefined: then the id is written. Used by decompile.
 */
export function readableName(lookups: Lookups, kind: LookupKind, id: string): string | undefined {
  const entry = lookups.entryOf(kind, id);
  if (entry === undefined) return undefined;
  const candidates = kind === 'users' ? [spellingOf(entry), entry.name] : [entry.name];
  for (const text of candidates) {
    if (isLookupId(text) || text === meKeyword) continue;
    const r = resolveName(lookups, kind, text);
    if (r?.ok && r.match === 'exact' && r.entry.id === id) return text;
  }
  return undefined;
}

/**
 * How an entry reads for people: a user's name (with the e-mail when another user has the same name), a queue's or
 * team's display name when it has one, a tag's name; ` (deleted)` for a deleted one.
 */
export function displayName(lookups: Lookups, entry: LookupEntry): string {
  let text = entry.displayName ?? entry.name;
  if (entry.kind === 'users') {
    text = entry.name;
    const same = lookups.table('users')?.named(entry.name) ?? [];
    if (same.length > 1 && entry.email !== undefined) text = `${entry.name} <${entry.email}>`;
  }
  return entry.deleted ? `${text} (deleted)` : text;
}
