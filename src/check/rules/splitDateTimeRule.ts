/**
 * SplitDateTimeRule (KQ2023, warning): `conversation_created_at>=2026-06-01 10:00` compares the field with the day
 * 2026-06-01 and searches "10:00" as full text — a date-time is one word, `2026-06-01T10:00…` with Z or an offset.
 *
 * Warns when a comparison on a `datetime` field has a bare local day (`YYYY-MM-DD`) as its value and the next operand
 * of the same AND, with no `AND` written before it, is a bare word that reads as a time of day (`10:00`, `9:30:15`,
 * `10:00:00.5`, optionally with `Z` or an offset). The suggestion joins them with `T` and adds the offset that the
 * query's time zone has at that wall-clock time on that day (`-04:00` for America/New_York in June), or `Z` when no
 * zone is set — a date-time without one is an error (KQ2008), and Kustomer reads days in GMT then
 * (kustomer-search-api.md §4).
 */
import { diagnostic } from '../../diagnostics/diagnostic.js';
import { wallClockOffset } from '../../dates/index.js';
import type * as A from '../../syntax/ast.js';
import type { RuleDefinition } from '../context.js';
import { isBare, wordsAfter } from './writtenForm.js';

const localDay = /^\d{4}-\d{2}-\d{2}$/;
/** A time of day: hours 0–23, minutes, optional seconds and fraction, optional `Z` or offset. */
const timeOfDay = /^([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d(?:\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?$/;

/** The first word after the day, when it is a time of day. */
const timeWord = (w: A.Text, i: number): boolean => i === 0 && timeOfDay.test(w.value);

export const SplitDateTimeRule: RuleDefinition = {
  name: 'SplitDateTimeRule',
  visit: {
    Comparison: (n, parent, ctx, at) => {
      if (n.operator === '~' || !isBare(n.value) || !localDay.test(n.value.value)) return;
      const field = ctx.fieldOf.get(n.field);
      if (field === undefined || field.kind !== 'datetime') return;
      const [word] = wordsAfter(n, parent, at, timeWord);
      if (word === undefined) return;
      const m = timeOfDay.exec(word.value)!;
      const time = m[1]!.length === 1 ? `0${word.value}` : word.value;
      const zone = ctx.timeZone;
      const offset = m[3] !== undefined ? '' : zone === null ? 'Z' : wallClockOffset(n.value.value, Number(m[1]), Number(m[2]), zone);
      const suggestion = offset === null ? null : `${n.value.value}T${time}${offset}`;
      ctx.report(
        diagnostic(
          'SplitDateTime',
          { start: n.value.span.start, end: word.span.end },
          { field: n.field.value, operator: n.operator, day: n.value.value, time: word.value, suggestion: suggestion ?? `${n.value.value}T${time}Z`, zone },
          suggestion === null ? undefined : { suggestions: [suggestion] },
        ),
      );
    },
  },
};
