/**
 * Properties of the language service (fast-check; a failure prints its seed, replay with FC_SEED=<seed>): on random
 * and hostile texts and every offset no method throws and every range lies inside the text; completion items replace
 * exactly the completion's range; semantic tokens are in order and do not overlap; the format edits give format's
 * text; and every fix, applied, removes its diagnostic from that place — or the text compiles, when it was the only
 * error.
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile, createLanguageService, format, type ServiceRange } from '../../src/index.js';
import { applyEdits } from '../../src/service/fixes.js';
import { fcOptions } from '../helpers/fc.js';
import { query } from '../helpers/queries.js';

const now = '2026-11-30T15:00:00Z';
const service = createLanguageService({ now, maxCompletions: 50 });

const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc
    .array(
      fc.constantFrom('a', 'conversation_staus', 'conversation_status', 'customer_vip', ':', '(', ')', '"', '\\', ' ', '\u00a0', '-', ',', '..', '[', '{', '}', ']', '*', 'OR', 'or', 'and', 'TO', '>=', '~', '!', '!=', 'é', '😀', '\ud800', 'sort:', 'sort:customer_nme', 'tz:america/new_york', 'context:conversaton', 'has:', 'opne', '\n'),
      { maxLength: 16 },
    )
    .map((parts) => parts.join('')),
  query,
);

const inside = (text: string, r: ServiceRange, what: string) =>
  assert.ok(Number.isInteger(r.start) && r.start >= 0 && r.start <= r.end && r.end <= text.length, `${what} ${JSON.stringify(r)} in ${text.length}`);

test('no method throws and every range is inside the text, at every offset', () => {
  fc.assert(
    fc.property(hostileText, (text) => {
      for (const d of service.diagnostics(text)) {
        inside(text, d.range, d.code);
        for (const f of d.fixes) for (const e of f.edits) inside(text, e.range, `fix of ${d.code}`);
      }
      let last = 0;
      for (const t of service.semanticTokens(text)) {
        inside(text, t.range, t.class);
        assert.ok(t.range.start >= last && t.range.end > t.range.start, 'tokens in order, non-empty, not overlapping');
        last = t.range.end;
      }
      const edits = service.format(text);
      for (const e of edits) inside(text, e.range, 'format');
      const formatted = format(text, {}).text;
      assert.is(applyEdits(text, edits), formatted ?? text);
      service.explain(text);
      for (let offset = 0; offset <= text.length; offset++) {
        const c = service.complete(text, offset);
        inside(text, c.range, 'completion');
        assert.ok(c.items.length <= 50);
        for (const item of c.items) assert.equal(item.edit.range, c.range);
        const h = service.hover(text, offset);
        if (h) inside(text, h.range, 'hover');
      }
    }),
    fcOptions(300),
  );
});

test('every fix removes its diagnostic from that place (or compiles, when it was the only error)', () => {
  let fixes = 0;
  fc.assert(
    fc.property(hostileText, (text) => {
      const ds = service.diagnostics(text);
      const errors = ds.filter((d) => d.severity === 'error');
      for (const d of ds) {
        for (const f of d.fixes) {
          fixes++;
          const out = applyEdits(text, f.edits);
          const r = compile(out, { now });
          if (errors.length === 1 && errors[0] === d && r.criteria) continue;
          const from = f.edits[0]!.range.start;
          const to = from + f.edits[0]!.newText.length;
          const still = r.diagnostics.filter((e) => e.code === d.code && e.span.start >= from && e.span.start <= to);
          assert.equal(still, [], `${JSON.stringify(text)} → ${JSON.stringify(out)} (${f.title})`);
        }
      }
    }),
    fcOptions(500),
  );
  assert.ok(fixes > 50, `only ${fixes} fixes were offered: the generator no longer reaches them`);
});

test.run();
