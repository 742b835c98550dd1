/**
 * The org schema file on the command line: `--schema FILE` (compile flags, `kq serve`, `kq schema show`), and the
 * default location `./kustomer-schema.json` (what `kq schema pull` writes), read when present and neither
 * `--schema`, `--custom` nor `--no-schema` is given — with a note on stderr saying so.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { orgSchemaLimits, readOrgSchema, type OrgSchema, type OrgSchemaProblem } from '../index.js';
import { UsageError } from './common.js';

/** The file `kq schema pull` writes and compile commands read by default, in the current folder. */
export const defaultSchemaFile = 'kustomer-schema.json';

/**
 * Reads and checks a schema file (`readOrgSchema`). A file that cannot be read, is over the size bound, or has
 * `error` problems is a UsageError naming the file and each problem's JSON Pointer; `warning`s are returned.
 */
export function readSchemaFile(path: string): { schema: OrgSchema; warnings: OrgSchemaProblem[] } {
  let text: string;
  try {
    // Bounded before reading: a huge file is refused without loading it (orgSchemaLimits.maxTextLength is in UTF-16
    // code units; a byte count at most 4 times that can hold no more).
    const size = statSync(path).size;
    if (size > orgSchemaLimits.maxTextLength * 4) throw new UsageError(`${path}: the schema file is ${size} bytes, more than a schema file may be (is it one?)`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read the schema file ${path}: ${(e as Error).message}`);
  }
  const { schema, problems } = readOrgSchema(text);
  const errors = problems.filter((p) => p.severity === 'error');
  if (schema === null || errors.length > 0) {
    const shown = errors.slice(0, 5).map((p) => `${p.pointer || '/'}: ${p.message}`);
    const more = errors.length > 5 ? `; and ${errors.length - 5} more` : '';
    throw new UsageError(`${path} is not a usable schema file: ${shown.join('; ')}${more}`);
  }
  return { schema, warnings: problems.filter((p) => p.severity === 'warning') };
}

/**
 * The schema the compile flags give: `--schema FILE`; else, unless `--no-schema` or `--custom`, the default file
 * when it exists (`note` is told so, one line). `undefined` when none.
 */
export function schemaFromFlags(schemaFlag: string | undefined, noSchema: boolean, custom: boolean, note?: (text: string) => void): OrgSchema | undefined {
  if (schemaFlag !== undefined) {
    if (noSchema) throw new UsageError('give --schema or --no-schema, not both');
    return readSchemaFile(schemaFlag).schema;
  }
  if (noSchema || custom || !existsSync(defaultSchemaFile)) return undefined;
  const { schema } = readSchemaFile(defaultSchemaFile);
  note?.(`note: checking names against the org schema ./${defaultSchemaFile} (pulled ${schema.pulledAt || 'at an unknown time'}); --schema FILE for another, --no-schema for none\n`);
  return schema;
}
