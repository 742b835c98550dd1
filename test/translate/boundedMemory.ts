/**
 * Child script of memory.test.ts: translates a generated input of `<megabytes>` MB in `<format>` (text: comment
 * lines, a query every 64 lines, and one 32 MB line; json: one line holding an array of 1 KB records),
 * without ever holding it whole, and prints `records <n>`. Run with a small `--max-old-space-size`: if reading did
 * not stream, or results piled up, the heap limit would stop it.
 */
import { translate } from '../../src/node/translate.js';

const [format, megabytes] = [process.argv[2] as 'text' | 'json', Number(process.argv[3])];
const total = megabytes * 1024 * 1024;

async function* input(): AsyncGenerator<Buffer> {
  let sent = 0;
  const pad = 'x'.repeat(1000);
  if (format === 'json') {
    yield Buffer.from('[');
    const element = Buffer.from(`{"pad": "${pad}"},`.repeat(64));
    for (; sent < total; sent += element.length) yield element;
    yield Buffer.from('"conversation_status:open"]');
    return;
  }
  const comments = Buffer.from(`${`# ${pad}\n`.repeat(64)}conversation_status:open\n`);
  const long = Buffer.from('y'.repeat(1 << 20));
  for (; sent < total; sent += comments.length) {
    yield comments;
    if (sent < 32 * 1024 * 1024 && sent + comments.length >= 32 * 1024 * 1024) {
      for (let i = 0; i < 32; i++) yield long; // one 32 MB line
      yield Buffer.from('\n');
    }
  }
}

let records = 0;
let tooLong = 0;
for await (const result of translate(input(), { inputFormat: format, now: 0, maxRecordBytes: 4 * 1024 * 1024 })) {
  records++;
  if (result.diagnostics[0]?.code === 'KQ5006') tooLong++;
}
console.log(`records ${records} tooLong ${tooLong}`);
