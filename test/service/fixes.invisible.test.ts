/**
 * A zero-width space pasted outside a value (KQ1001): the help says to delete it, and the one fix deletes it — quoting
 * would turn the field term into a full-text search.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile, createLanguageService } from '../../src/index.js';

for (const text of ['\u200bconversation_status:open', 'conversation\u200b_status:open', 'refund\u200b']) {
  test(`${JSON.stringify(text)}: KQ1001 says invisible, the fix deletes it`, () => {
    const d = compile(text).diagnostics.find((x) => x.code === 'KQ1001')!;
    assert.ok(d, 'KQ1001 expected');
    assert.match(d.help!, /invisible character \(U\+200B\).*delete it/);
    const service = createLanguageService({});
    const sd = service.diagnostics(text).find((x) => x.code === 'KQ1001')!;
    assert.equal(sd.fixes.map((f) => f.title), ['Delete the invisible character']);
    const edit = sd.fixes[0]!.edits[0]!;
    const fixed = text.slice(0, edit.range.start) + edit.newText + text.slice(edit.range.end);
    assert.is(fixed, text.replace('\u200b', ''));
  });
}

test.run();
