/**
 * Which attributes hold ids of tags, users, teams or queues, and so take names when the schema has lookups.
 *
 * Users, teams, queues: the standard-fields schema's `collection` keyword (`FieldInfo.collection`, from the
 * Kustomer Customer Search doc's "Standard Fields JSON Schema"; kustomer-search-api.md §2.3). Tags: the schema gives
 * `conversation_tags`, `customer_tags`, `company_tags` no `collection` (type string, operator list), yet they hold tag
 * ids (kustomer-search-api.md §2.3 "Tags … are list of tag ids"; kustomer-api-live.md §3 "Tag ids vs names": JAS
 * maps `conversation.attributes.tags` ids to names via `/v1/tags`; the internal queue-rule criteria filter
 * `conversation_tags` by a tag id).
 *
 * Only attributes compared as whole strings take names (kinds `list`, `string`, `string_notanalyzed`): the schema
 * also marks `note_deleted` (boolean) and `note_attachment_count` (number) `$ref: user`, an oddity of the doc
 * (kustomer-search-api.md §2.3 "Schema oddities") that names do not apply to. Custom attributes never do.
 */
import type { FieldInfo } from '../types.js';
import type { LookupKind } from './table.js';

/** The standard attributes that hold tag ids. */
export const tagFields: ReadonlySet<string> = /* @__PURE__ */ new Set(['conversation_tags', 'customer_tags', 'company_tags']);

const nameKinds: ReadonlySet<string> = /* @__PURE__ */ new Set(['list', 'string', 'string_notanalyzed']);

/** The kind of thing `field`'s values are ids of (`tags`, `users`, `teams`, `queues`), or null. */
export function lookupKindOf(field: FieldInfo | undefined): LookupKind | null {
  if (field === undefined || field.custom || !nameKinds.has(field.kind)) return null;
  if (tagFields.has(field.name)) return 'tags';
  return field.collection ?? null;
}
