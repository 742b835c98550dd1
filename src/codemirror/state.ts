/**
 * The language service of one editor, kept in the editor's state: a state field holding the options and the
 * {@link LanguageService} made from them, replaced by the {@link setServiceOptions} effect (what `updateOptions`
 * dispatches), and the mode the extension was configured with.
 *
 * A new service is made when the options change (rather than calling `configure` on a shared one): the state stays
 * a value — an older state keeps answering with the schema it was made with — and every cache the service keeps is
 * the new schema's from the start.
 */
import { EditorState, Facet, StateEffect, StateField, type Extension } from '@codemirror/state';
import { createLanguageService, type LanguageService, type ServiceOptions } from '../index.js';

/** The options an editor's language service is made with, and the service. */
export interface ServiceState {
  readonly options: ServiceOptions;
  readonly service: LanguageService;
}

/** Replaces the options (schema, context, time zone, clock, value sources) of a live editor's language service. */
export const setServiceOptions = StateEffect.define<ServiceOptions>();

/** The editor's language service; `create` makes it from the options the extension was configured with. */
export function serviceField(initial: ServiceOptions): StateField<ServiceState> {
  return StateField.define<ServiceState>({
    create: () => ({ options: initial, service: createLanguageService(initial) }),
    update(value, tr) {
      let next = value;
      for (const effect of tr.effects) {
        if (effect.is(setServiceOptions)) next = { options: effect.value, service: createLanguageService(effect.value) };
      }
      return next;
    },
  });
}

/**
 * How the editor's text is read: `single` — the whole document is one query (a search box); `lines` — each line is
 * a query of a `.kq` file, and a line whose first non-blank character is `#` is a comment (the rule of
 * `kq translate`'s text input, src/node/sources.ts).
 */
export type QueryMode = 'single' | 'lines';

/** The mode and the service field of the extension in a state; the first configuration wins. */
export interface KqConfig {
  readonly mode: QueryMode;
  readonly field: StateField<ServiceState>;
}

/** Where the extension's configuration is found in a state (one `kustomerQuery` per editor). */
export const kqConfig = Facet.define<KqConfig, KqConfig | null>({ combine: (values) => values[0] ?? null });

/** The configuration of the `kustomerQuery` extension in `state`; throws when the state has none. */
export function configOf(state: EditorState): KqConfig {
  const config = state.facet(kqConfig);
  if (config === null) throw new Error('this editor has no kustomerQuery() extension');
  return config;
}

/** The language service of `state`'s editor. */
export function serviceOf(state: EditorState): LanguageService {
  const config = configOf(state);
  return state.field(config.field).service;
}

/** Whether `update`'s transactions changed the service (an {@link setServiceOptions} effect). */
export function serviceChanged(startState: EditorState, state: EditorState): boolean {
  const config = state.facet(kqConfig);
  return config !== null && startState.field(config.field, false) !== state.field(config.field, false);
}

/** The state parts of the extension: the configuration facet and the service field. */
export function stateExtension(mode: QueryMode, options: ServiceOptions): Extension {
  const field = serviceField(options);
  return [kqConfig.of({ mode, field }), field];
}
