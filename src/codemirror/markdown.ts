/**
 * The service's Markdown (hover contents, completion documentation) as DOM nodes, for the small subset it writes:
 * paragraphs split by blank lines, `- ` list items, `` `code` `` spans, `**strong**` and `_emphasis_`. Text is only
 * ever set as text (no `innerHTML`), so a field name or value from an org's schema cannot inject markup, and the
 * result is allowed under a Trusted Types policy.
 */

/** A paragraph's inline text as nodes: code spans, strong and emphasis; everything else as text. */
function inline(doc: Document, text: string): Node[] {
  const nodes: Node[] = [];
  const pattern = /`([^`]+)`|\*\*([^*]+)\*\*|(?<![\w])_([^_]+)_(?![\w])/g;
  let at = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > at) nodes.push(doc.createTextNode(text.slice(at, m.index)));
    const element = doc.createElement(m[1] !== undefined ? 'code' : m[2] !== undefined ? 'strong' : 'em');
    element.textContent = m[1] ?? m[2] ?? m[3] ?? '';
    nodes.push(element);
    at = m.index + m[0].length;
  }
  if (at < text.length) nodes.push(doc.createTextNode(text.slice(at)));
  return nodes;
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
