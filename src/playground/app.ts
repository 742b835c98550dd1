/// <reference lib="dom" />
/**
 * The playground page's script (bundled by scripts/build.mjs into dist/playground/app.js, served by `kq
 * playground`): a single-line CodeMirror editor with the `kustomer-query/codemirror` extension, and beside it, as
 * the query is typed, the criteria JSON (`compile`), the language service's diagnostics as text, the explanation in
 * words, and the sample records (dist/playground/support.ndjson, from examples/data/) that match, evaluated in the
 * page with `search` from `kustomer-query/evaluate` (the reference semantics).
 *
 * The page runs under `script-src 'self'; style-src 'self' 'nonce-…'`: CodeMirror's run-time styles get the
 * response's nonce, read from `<meta name="csp-nonce">` (its `nonce` property: browsers hide the attribute's
 * value from the DOM once a CSP applies, the property keeps it).
 *
 * When the page is ready (records loaded, first query shown) `<html>` gets `data-kq-ready`; a failure to start is
 * written in the page and in `data-kq-error`.
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { EditorState } from '@codemirror/state';
import { EditorView, drawSelection, keymap, placeholder } from '@codemirror/view';
import { compile, createLanguageService, type ServiceDiagnostic, type ServiceOptions } from '../index.js';
import { kustomerQuery } from '../codemirror/index.js';
import { search } from '../evaluate/index.js';

/** The sample data's clock: relative dates (`now-7d/d`) resolve against it (scripts/generate-examples.mjs). */
const sampleNow = '2026-11-30T15:00:00Z';
/** The options of the editor's language service and of the compile beside it. */
const options: ServiceOptions = { now: sampleNow };
/** How many matching records are shown. */
const shownRows = 8;
/** Queries to start from, shown as buttons. */
const examples = [
  'conversation_status:open conversation_priority>=4 sort:conversation_updated_at-desc',
  '"double charged" message_direction:in context:message',
  'customer_tags:vip customer_last_seen_at>=now-7d/d tz:Europe/Paris',
  'conversation_channels:email,chat -conversation_status:done',
];

type SampleRecord = Record<string, unknown> & { readonly _type?: string };

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`the page has no #${id}`);
  return found as T;
}

function make<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className !== undefined) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Reads the sample records (one JSON object per line). */
async function loadRecords(): Promise<SampleRecord[]> {
  const response = await fetch('support.ndjson');
  if (!response.ok) throw new Error(`support.ndjson: HTTP ${response.status}`);
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SampleRecord);
}

/**
 * The attribute names the criteria test, in order (keys of the items of `and`/`or`/`not`, nested groups too), then
 * the ones they sort by: the columns worth showing beside each matching record.
 */
function testedAttributes(criteria: unknown, out: string[] = [], top = true): string[] {
  if (Array.isArray(criteria)) {
    for (const item of criteria) testedAttributes(item, out, false);
  } else if (criteria !== null && typeof criteria === 'object') {
    for (const [key, value] of Object.entries(criteria)) {
      if (key === 'and' || key === 'or' || key === 'not') testedAttributes(value, out, false);
      else if (key !== 'queryContext' && key !== 'sort' && key !== 'timeZone' && !out.includes(key)) out.push(key);
    }
    const sort = (criteria as { sort?: unknown }).sort;
    if (top && Array.isArray(sort)) for (const key of sort.flatMap((s) => (s && typeof s === 'object' ? Object.keys(s) : []))) if (!out.includes(key)) out.push(key);
  }
  return out;
}

/** A record's title: its name or subject. */
function titleOf(record: SampleRecord): string {
  const title = record.customer_name ?? record.conversation_name ?? record.message_subject ?? record.id;
  return typeof title === 'string' ? title : String(title ?? '');
}

/** A record's value as table text: lists joined, instants to the minute (`2026-11-29 17:04`, UTC as stored). */
function cell(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value !== 'string') return JSON.stringify(value);
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value) ? value.slice(0, 16).replace('T', ' ') : value;
}

/** One diagnostic as a line of text: `error KQ2001 (1–19): message — help` and its fixes. */
function diagnosticLine(d: ServiceDiagnostic): HTMLLIElement {
  const item = make('li', `diagnostic ${d.severity}`);
  item.append(make('span', 'severity', d.severity), ' ', make('code', 'code', d.code), ' ', make('span', 'where', `${d.range.start}–${d.range.end}`), ' ');
  item.append(make('span', 'message', d.message));
  if (d.help !== undefined) item.append(make('span', 'help', ` ${d.help}`));
  for (const fix of d.fixes) item.append(make('span', 'fix', `fix: ${fix.title}`));
  return item;
}

function showResults(box: HTMLElement, criteria: unknown, records: readonly SampleRecord[]): void {
  let result;
  try {
    result = search<SampleRecord>(criteria, records, { pageSize: shownRows });
  } catch (error) {
    box.replaceChildren(make('p', 'problem', `The criteria cannot be evaluated: ${(error as Error).message}`));
    return;
  }
  const total = result.meta.total;
  // One search reads one type of record (the criteria's queryContext): it is said once, not in a column.
  const context = typeof (criteria as { queryContext?: unknown }).queryContext === 'string' ? (criteria as { queryContext: string }).queryContext : '';
  const summary = make('p', 'count');
  summary.append(make('strong', undefined, String(total)), ` of ${records.length} records match`);
  if (context !== '') summary.append(' (', make('code', undefined, context), ' records)');
  if (total > result.data.length) summary.append(`; the first ${result.data.length} are shown`);
  summary.append('.');
  if (result.data.length === 0) {
    box.replaceChildren(summary);
    return;
  }
  const columns = testedAttributes(criteria).slice(0, 3);
  const table = make('table');
  const head = make('tr');
  head.append(make('th', undefined, 'name / subject'));
  for (const name of columns) {
    // `conversation_status` in a table of conversations reads as `status`; the full name is the tooltip.
    const th = make('th', undefined, context !== '' && name.startsWith(`${context}_`) ? name.slice(context.length + 1) : name);
    th.title = name;
    head.append(th);
  }
  table.append(make('thead'), make('tbody'));
  table.tHead!.append(head);
  for (const record of result.data) {
    const row = make('tr');
    row.append(make('td', 'title', titleOf(record)));
    for (const name of columns) row.append(make('td', 'value', cell(record[name])));
    table.tBodies[0]!.append(row);
  }
  box.replaceChildren(summary, table);
}

async function start(): Promise<void> {
  const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.nonce ?? '';
  const criteriaBox = element<HTMLPreElement>('criteria');
  const diagnosticsBox = element<HTMLUListElement>('diagnostics');
  const explanationBox = element<HTMLParagraphElement>('explanation');
  const resultsBox = element<HTMLDivElement>('results');
  element('clock').textContent = `Relative dates resolve against ${sampleNow.replace('T', ' ').replace('Z', ' UTC')}, the sample data's "now".`;

  const service = createLanguageService(options);
  const records = await loadRecords();
  element('record-count').textContent = String(records.length);

  let scheduled: ReturnType<typeof setTimeout> | undefined;
  const refresh = (text: string): void => {
    clearTimeout(scheduled);
    scheduled = undefined;
    const compiled = compile(text, options);
    criteriaBox.textContent = compiled.criteria === undefined ? '(no criteria: the query has errors)' : JSON.stringify(compiled.criteria, null, 2);
    const diagnostics = service.diagnostics(text);
    diagnosticsBox.replaceChildren(...(diagnostics.length === 0 ? [make('li', 'none', 'No problems.')] : diagnostics.map(diagnosticLine)));
    explanationBox.textContent = service.explain(text) ?? '—';
    if (compiled.criteria === undefined) resultsBox.replaceChildren(make('p', 'problem', 'Fix the errors to see the matching records.'));
    else showResults(resultsBox, compiled.criteria, records);
  };

  const view = new EditorView({
    parent: element('editor'),
    state: EditorState.create({
      doc: examples[0],
      extensions: [
        EditorView.cspNonce.of(nonce),
        history(),
        drawSelection(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        placeholder('conversation_status:open conversation_priority>=4'),
        EditorView.contentAttributes.of({ 'aria-labelledby': 'query-label', 'data-testid': 'query' }),
        kustomerQuery({ singleLine: true, options, onSubmit: (text) => refresh(text) }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          clearTimeout(scheduled);
          scheduled = setTimeout(() => refresh(update.state.doc.toString()), 60);
        }),
      ],
    }),
  });

  const buttons = element('examples');
  for (const example of examples) {
    const button = make('button', 'example', example);
    button.type = 'button';
    button.addEventListener('click', () => {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: example }, selection: { anchor: example.length } });
      view.focus();
    });
    buttons.append(button);
  }

  refresh(view.state.doc.toString());
  view.focus();
  document.documentElement.dataset.kqReady = '';
}

start().catch((error: unknown) => {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  document.documentElement.dataset.kqError = message;
  document.body.prepend(make('p', 'problem', `The playground could not start: ${message}`));
});
