/**
 * The service's Markdown (hover contents, completion documentation) as DOM nodes, for the small subset it writes:
 * paragraphs split by blank lines (lines within one kept apart), `- ` list items, fenced code, `` `code` `` spans,
 * `**strong**` and backslash escapes (`conversation\_status`). Text is only
 * ever set as text (no `innerHTML`), so a field name or value from an org's schema cannot inject markup, and the
 * result is allowed under a Trusted Types policy.
 */

/** ASCII punctuation, which a backslash escapes (CommonMark 0.31, §2.4 "Backslash escapes"). */
const escapable = /[!-/:-@[-`{-~]/;

/**
 * A paragraph's inline text as nodes: backslash escapes, `` `code` `` spans (taken as they are) and `**strong**`
 * (read again inside); everything else as text.
 */
function inline(doc: Document, text: string): Node[] {
  const nodes: Node[] = [];
  let plain = '';
  const flush = () => {
    if (plain !== '') nodes.push(doc.createTextNode(plain));
    plain = '';
  };
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && escapable.test(text[i + 1]!)) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    const close = c === '`' ? text.indexOf('`', i + 1) : text.startsWith('**', i) ? closingStrong(text, i + 2) : -1;
    if (close > i) {
      flush();
      const code = c === '`';
      const element = doc.createElement(code ? 'code' : 'strong');
      if (code) element.textContent = text.slice(i + 1, close);
      else element.append(...inline(doc, text.slice(i + 2, close)));
      nodes.push(element);
      i = close + (code ? 1 : 2);
      continue;
    }
    plain += c;
    i++;
  }
  flush();
  return nodes;
}

/** Where the `**` closing a strong span opened before `from` is (skipping escaped characters), or -1. */
function closingStrong(text: string, from: number): number {
  for (let i = from; i < text.length - 1; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '*' && text[i + 1] === '*') return i > from ? i : -1;
  }
  return -1;
}

/** Renders `markdown` into a new `<div class="cm-kq-doc">` of `doc`. */
export function renderMarkdown(doc: Document, markdown: string): HTMLElement {
  const box = doc.createElement('div');
  box.className = 'cm-kq-doc';
  for (const block of markdown.split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((line) => line.trim() !== '');
    if (lines.length === 0) continue;
    if (lines.every((line) => /^\s*[-*] /.test(line))) {
      const list = doc.createElement('ul');
      for (const line of lines) {
        const item = doc.createElement('li');
        item.append(...inline(doc, line.replace(/^\s*[-*] /, '')));
        list.append(item);
      }
      box.append(list);
    } else if (/^```/.test(lines[0]!)) {
      const pre = doc.createElement('pre');
      pre.textContent = lines.filter((line) => !/^```/.test(line)).join('\n');
      box.append(pre);
    } else {
      const paragraph = doc.createElement('p');
      lines.forEach((line, i) => {
        if (i > 0) paragraph.append(doc.createElement('br'));
        paragraph.append(...inline(doc, line.replace(/^#+\s*/, '')));
      });
      box.append(paragraph);
    }
  }
  return box;
}
