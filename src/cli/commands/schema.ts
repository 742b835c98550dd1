/**
 * `kq schema pull [--out kustomer-schema.json] [--base-url URL]`: reads the org's custom attribute metadata, klasses
 * and tag/user/team/queue lookups through the API client (`pullOrgSchema`, kustomer-query/client) and writes the
 * org schema file (src/schema/org/types.ts). The key comes from KUSTOMER_API_KEY only, the base URL from
 * --base-url or KUSTOMER_BASE_URL, as for `kq search`; the key is never written or printed.
 *
 * `kq schema show [FILE]`: summarizes a schema file (default ./kustomer-schema.json): when and where it was pulled,
 * the custom attributes per object and klass, the lookups, what could not be read, and the reader's warnings.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { KustomerApiError, createClient, pullOrgSchema } from '../../client/index.js';
import type { OrgAttribute, OrgSchema } from '../../index.js';
import { type CliIO, type Command, type FlagValues, UsageError, stringFlag } from '../common.js';
import { defaultSchemaFile, readSchemaFile } from '../schemaFile.js';

/** One line per attribute group: `customer: 3 custom attributes (1 dropdown, 1 option tree)`. */
function attributeSummary(label: string, attributes: readonly OrgAttribute[]): string {
  const dropdowns = attributes.filter((a) => a.values !== undefined && a.tree === undefined).length;
  const trees = attributes.filter((a) => a.tree !== undefined).length;
  const extra = [dropdowns ? `${dropdowns} dropdown${dropdowns === 1 ? '' : 's'}` : '', trees ? `${trees} option tree${trees === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ');
  return `  ${label}: ${attributes.length} custom attribute${attributes.length === 1 ? '' : 's'}${extra ? ` (${extra})` : ''}`;
}

/** The summary `kq schema show` prints for a schema (no warnings: those are printed by the caller). */
export function describeSchema(schema: OrgSchema, name: string): string {
  const lines = [`${name}: org schema version ${schema.version}, pulled ${schema.pulledAt || 'at an unknown time'}${schema.org?.baseUrl ? ` from ${schema.org.baseUrl}` : ''}`];
  lines.push('objects:');
  const objects = Object.entries(schema.objects);
  if (objects.length === 0) lines.push('  (no custom attributes)');
  for (const [object, o] of objects) lines.push(attributeSummary(object, o?.customAttributes ?? []));
  lines.push(`klasses: ${schema.klasses.length}`);
  for (const k of schema.klasses) lines.push(attributeSummary(`kobject_${k.name}${k.displayName ? ` (${k.displayName})` : ''}`, k.customAttributes));
  lines.push('lookups:');
  for (const key of ['tags', 'users', 'teams', 'queues'] as const) {
    const list = schema.lookups[key];
    lines.push(`  ${key}: ${list === undefined ? 'not pulled' : list.length}`);
  }
  const me = schema.currentUser;
  lines.push(`current user: ${me ? `${me.name}${me.email ? ` <${me.email}>` : ''} (${me.id})` : 'unknown'}`);
  for (const g of schema.gaps ?? []) lines.push(`not read: ${g.resource} (${g.message})`);
  return `${lines.join('\n')}\n`;
}

/** Writes `text` to `path` through a temporary file and a rename, so a failed pull never leaves half a file. */
function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o644 });
  renameSync(temporary, path);
}

async function pull(positionals: string[], values: FlagValues, io: CliIO): Promise<number> {
  if (positionals.length > 0) throw new UsageError(`kq schema pull takes no arguments (got '${positionals[0]}'); write the file with --out`);
  const out = stringFlag(values, 'out') ?? defaultSchemaFile;
  const apiKey = process.env.KUSTOMER_API_KEY?.trim();
  const baseUrl = stringFlag(values, 'base-url') ?? process.env.KUSTOMER_BASE_URL;
  if (!apiKey) throw new UsageError('set KUSTOMER_API_KEY to a Kustomer API key (it is never read from a flag)');
  if (!baseUrl) throw new UsageError('give --base-url or set KUSTOMER_BASE_URL (e.g. https://<org>.api.kustomerapp.com)');
  let client;
  try {
    client = createClient({ apiKey, baseUrl, keySource: 'KUSTOMER_API_KEY' });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const quiet = values.quiet === true;
  let pulled;
  try {
    pulled = await pullOrgSchema(client, { onResource: (r) => (quiet ? undefined : io.stderr(`kq schema pull: reading ${r}\n`)) });
  } catch (e) {
    // Client errors never hold the key (src/client/errors.ts redacts it).
    io.stderr(`kq schema pull: ${e instanceof KustomerApiError || e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  for (const w of pulled.warnings) io.stderr(`warning: ${w}\n`);
  const text = `${JSON.stringify(pulled.schema, null, 2)}\n`;
  if (out === '-') io.stdout(text);
  else {
    try {
      writeAtomically(out, text);
    } catch (e) {
      throw new UsageError(`cannot write ${out}: ${(e as Error).message}`);
    }
  }
  if (!quiet) io.stderr(describeSchema(pulled.schema, out === '-' ? 'stdout' : out));
  return 0;
}

function show(positionals: string[], io: CliIO): number {
  if (positionals.length > 1) throw new UsageError('kq schema show takes one file');
  const path = positionals[0] ?? defaultSchemaFile;
  const { schema, warnings } = readSchemaFile(path);
  io.stdout(describeSchema(schema, path));
  for (const w of warnings) io.stderr(`warning: ${path}${w.pointer ? ` at ${w.pointer}` : ''}: ${w.message}\n`);
  return 0;
}

export const schemaCommand: Command = {
  names: ['schema'],
  usage: `  kq schema pull           write the org's schema (custom attributes, klasses, tags, users, teams, queues) to ./kustomer-schema.json
  kq schema show [file]    summarize a schema file`,
  optionsHelp: `Options for kq schema:
  --out <file>             where kq schema pull writes (default ./kustomer-schema.json; - for stdout)
  --base-url <url>         the API's base URL, e.g. https://<org>.api.kustomerapp.com (default: $KUSTOMER_BASE_URL)
  --quiet                  no progress or summary on stderr
  The API key is read from KUSTOMER_API_KEY only. Compile commands read ./kustomer-schema.json when present
  (--schema <file> for another, --no-schema for none).`,
  options: { out: { type: 'string' }, 'base-url': { type: 'string' }, quiet: { type: 'boolean' } },
  async run(_name, positionals, values, io) {
    const [sub, ...rest] = positionals;
    if (sub === 'pull') return pull(rest, values, io);
    if (sub === 'show') return show(rest, io);
    throw new UsageError(sub === undefined ? 'kq schema needs a subcommand: pull or show' : `unknown subcommand '${sub}' (pull or show)`);
  },
};
