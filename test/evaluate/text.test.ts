/**
 * The analysis behind `contains` (src/evaluate/text.ts): Elasticsearch's standard analyzer as Lucene types its
 * tokens (CJK one per ideograph, İ lower-cased to i, emoji kept), and the linear-time segmentation (white-space
 * pieces, windows of long pieces) giving the same tokens as segmenting the text whole (fast-check properties).
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluate } from '../../src/evaluate/index.js';
import { lowerCase, maxTokenLength, tokens, tokensOfSegments, tokensWithWindow } from '../../src/evaluate/text.js';
import { fcOptions } from '../helpers/fc.js';

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
/** The reference: the whole text segmented at once, then the same token rules. */
const reference = (text: string): string[] => tokensOfSegments(segmenter.segment(text));

test("tokens('hello world '.repeat(100000)) (1.2 MB: finishes, linear)", () => {
  const t = tokens('hello world '.repeat(100_000).slice(0, 1_048_576));
  assert.is(t.length, 174_763);
  assert.equal(t.slice(0, 3), ['hello', 'world', 'hello']);
});

test("tokens('-'.repeat(200000) + ' x') (a long piece without white space: windows)", () => {
  assert.equal(tokens(`${'-'.repeat(200_000)} x`), ['x']);
  assert.equal(tokens(`${'ab.'.repeat(3000)}c`), [`${'ab.'.repeat(3000)}c`.slice(0, 9001)].flatMap((w) => w.match(/[^]{1,255}/g)!));
});

test("tokens('测试中文') is one token per ideograph", () => {
  assert.equal(tokens('测试中文'), ['测', '试', '中', '文']);
  assert.equal(tokens('これはテストです'), ['こ', 'れ', 'は', 'テスト', 'で', 'す']);
  assert.equal(evaluate({ queryContext: 'message', and: [{ message_body: { contains: '中' } }] }, { message_body: '测试中文' }), true);
});

test("tokens('İstanbul ΟΔΟΣ') lower-cases as Lucene (İ → i, Σ → σ)", () => {
  assert.equal(tokens('İstanbul ΟΔΟΣ'), ['istanbul', 'οδοσ']);
  assert.is(lowerCase('İ'), 'i');
  assert.equal(evaluate({ queryContext: 'message', and: [{ message_body: { contains: 'istanbul' } }] }, { message_body: 'İSTANBUL' }), true);
});

test("tokens('great 👍🏽 👩‍💻 🇫🇷') keeps emoji as tokens", () => {
  assert.equal(tokens('great 👍🏽 👩‍💻 🇫🇷!'), ['great', '👍🏽', '👩‍💻', '🇫🇷']);
  assert.equal(evaluate({ queryContext: 'message', and: [{ message_body: { contains: '👍🏽' } }] }, { message_body: 'ok👍🏽' }), true);
});

test("tokens('ภาษาไทยง่าย') is one South-East Asian run", () => {
  assert.equal(tokens('ภาษาไทยง่าย ok'), ['ภาษาไทยง่าย', 'ok']);
});

test(`tokens('a'.repeat(600)) splits at max_token_length ${maxTokenLength}`, () => {
  assert.equal(tokens('A'.repeat(600)), ['a'.repeat(255), 'a'.repeat(255), 'a'.repeat(90)]);
  assert.equal(tokens('a'.repeat(5000)), tokensWithWindow('a'.repeat(5000), 100));
});

const alphabet = fc.constantFrom(
  'a', 'B', 'é', 'z', '0', '7', '.', ',', "'", '-', '_', '@', ':', '/', ' ', ' ', '\n', '\t', '\u00a0', '\u3000', '\ufeff',
  '\u0301', '\u200d', '测', '试', 'こ', 'テ', 'ー', 'ภ', 'า', 'ษ', '😀', '👍', '\u{1f3fd}', '🇫', '🇷', 'İ', 'Σ', '한', '글',
);
const text = (maxLength: number) => fc.array(alphabet, { maxLength }).map((a) => a.join(''));

test('tokens(s) equals segmenting s whole (white-space pieces; fast-check)', () => {
  fc.assert(fc.property(text(60), (s) => assert.equal(tokens(s), reference(s))), fcOptions(2000));
});

test('tokensWithWindow(s, 16..100) equals segmenting s whole (runs cut at white space; fast-check)', () => {
  fc.assert(
    fc.property(text(400), fc.integer({ min: 16, max: 100 }), (s, window) => assert.equal(tokensWithWindow(s, window), reference(s))),
    fcOptions(500),
  );
});

test('tokensWithWindow(s, 64..200) equals segmenting s whole (windows of long pieces; fast-check)', () => {
  const noSpace = fc.array(alphabet.filter((c) => !/\s/.test(c) || c === '\ufeff'), { maxLength: 700 }).map((a) => a.join(''));
  fc.assert(
    fc.property(noSpace, fc.integer({ min: 64, max: 200 }), (s, window) => assert.equal(tokensWithWindow(s, window), reference(s))),
    fcOptions(500),
  );
});

test.run();
