import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readLines, type Line } from '../../src/node/lines.js';
import { chunks, withBadBytes } from './helpers.js';

async function lines(input: string | Uint8Array, size?: number, max?: number): Promise<Line[]> {
  const out: Line[] = [];
  for await (const batch of readLines(chunks(input, size), { maxLineBytes: max })) out.push(...batch);
  return out;
}

const texts = (ls: Line[]) => ls.map((l) => l.text);

test("'a\\nb\\n' (two lines, no empty third)", async () => {
  const ls = await lines('a\nb\n');
  assert.equal(texts(ls), ['a', 'b']);
  assert.equal(ls.map((l) => [l.number, l.terminated]), [[1, true], [2, true]]);
});

test("'a\\nb' (last line without newline)", async () => {
  const ls = await lines('a\nb');
  assert.equal(ls.map((l) => [l.text, l.terminated]), [['a', true], ['b', false]]);
});

test("'' (empty input: no line)", async () => {
  assert.equal(await lines(''), []);
});

test("'\\n\\n' (blank lines count)", async () => {
  assert.equal(texts(await lines('\n\n')), ['', '']);
});

test("'a\\r\\nb\\r\\n' (CRLF: the \\r stays for the format to strip)", async () => {
  assert.equal(texts(await lines('a\r\nb\r\n')), ['a\r', 'b\r']);
});

test('BOM at the start is dropped, elsewhere kept', async () => {
  assert.equal(texts(await lines('\uFEFFa\n\uFEFFb')), ['a', '\uFEFFb']);
});

test('every chunk size gives the same lines (boundaries inside CRLF, UTF-8 sequences and the BOM)', async () => {
  const input = '\uFEFFconversation_status:open\r\n测试 é 😀\n\n# comment\r\nlast';
  const expected = await lines(input);
  for (let size = 1; size <= 12; size++) assert.equal(await lines(input, size), expected, `chunk size ${size}`);
});

test('invalid UTF-8 spoils only its own line', async () => {
  const ls = await lines(withBadBytes('ok\nbad @ here\nok too\n'));
  assert.equal(ls.map((l) => l.problem), [undefined, 'utf8', undefined]);
  assert.equal(ls[2]!.text, 'ok too');
});

test('a truncated UTF-8 sequence at the end of a line is invalid', async () => {
  const ls = await lines(Buffer.concat([Buffer.from('a'), Buffer.from([0xe6, 0xb5]), Buffer.from('\nb\n')]));
  assert.equal(ls.map((l) => l.problem), ['utf8', undefined]);
});

test('a line longer than the limit is flagged and skipped, in any chunking', async () => {
  for (const size of [3, 64, 1 << 16]) {
    const ls = await lines(`short\n${'x'.repeat(1000)}\nafter\n`, size, 100);
    assert.equal(ls.map((l) => [l.number, l.text, l.problem]), [[1, 'short', undefined], [2, '', 'tooLong'], [3, 'after', undefined]]);
    assert.is(ls[1]!.bytes, 1000);
  }
});

test('a string chunk is read as its UTF-8 bytes', async () => {
  const out: Line[] = [];
  for await (const batch of readLines(['a\nb', 'c\n'])) out.push(...batch);
  assert.equal(texts(out), ['a', 'bc']);
});


async function segments(input: string | Uint8Array, size: number): Promise<Line[]> {
  const out: Line[] = [];
  for await (const batch of readLines(chunks(input, size), { segments: true })) out.push(...batch);
  return out;
}

/** The pieces joined back into whole lines: [number, text, problem]. */
function joined(ls: Line[]): [number, string, string | undefined][] {
  const out: [number, string, string | undefined][] = [];
  for (const l of ls) {
    const last = out[out.length - 1];
    if (last && last[0] === l.number) {
      last[1] += l.text;
      last[2] ??= l.problem;
    } else out.push([l.number, l.text, l.problem]);
  }
  return out;
}

test('segments: a long line comes in pieces, never cut inside a UTF-8 sequence, whatever the chunk size', async () => {
  const input = '\uFEFF[{"q": "测试 é 😀 ' + 'x'.repeat(50) + '"},\r\n"second"]';
  for (let size = 1; size <= 10; size++) {
    const ls = await segments(input, size);
    assert.ok(ls.every((l) => l.problem === undefined), `no piece is invalid UTF-8 at chunk size ${size}`);
    assert.equal(joined(ls), [[1, input.slice(1, input.indexOf('\n')), undefined], [2, '"second"]', undefined]], `chunk size ${size}`);
  }
});

test('segments: invalid UTF-8 is flagged on the piece that holds it', async () => {
  const ls = await segments(withBadBytes(`${'a'.repeat(20)}@${'b'.repeat(20)}\nok\n`), 8);
  assert.equal(joined(ls).map(([n, , p]) => [n, p]), [[1, 'utf8'], [2, undefined]]);
});

test.run();
