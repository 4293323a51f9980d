import type { Language } from './locales.js';

/** One text in every language, as ICU MessageFormat (`{count, plural, one {# task} other {# tasks}}`). */
export type Translations = Readonly<Record<Language, string>>;

/** A text a user may read, identified as `<namespace>.<key>`, in every language. */
export interface Message {
  readonly id: string;
  readonly translations: Translations;
}

/** A message with the values of its arguments: what services return and renderers translate. */
export interface LocalizedText {
  readonly message: Message;
  readonly values?: Readonly<Record<string, unknown>>;
}

const catalogs = new Map<string, Readonly<Record<string, Message>>>();

/**
 * Declares a namespace's messages, each in every language (the type demands all of them):
 *
 *   export const taskMessages = defineMessages('tasks.task', {
 *     notFound: { en: 'No task with this id exists in your organization', de: '…' },
 *   });
 *
 * Namespaces are unique across the code base (the catalogs test checks it); defining one again
 * (a module loaded twice by a test runner) replaces it.
 */
export function defineMessages<K extends string>(namespace: string, messages: Record<K, Translations>): Readonly<Record<K, Message>> {
  const defined = Object.fromEntries(
    Object.entries<Translations>(messages).map(([key, translations]) => [key, Object.freeze({ id: `${namespace}.${key}`, translations })]),
  ) as Record<K, Message>;
  catalogs.set(namespace, defined);
  return Object.freeze(defined);
}

/** Every namespace defined so far (by the modules imported), for the catalogs test and tooling. */
export function definedCatalogs(): ReadonlyMap<string, Readonly<Record<string, Message>>> {
  return catalogs;
}

/** The message `<namespace>.<key>` among those defined, or undefined. */
export function messageById(id: string): Message | undefined {
  const dot = id.lastIndexOf('.');
  return dot > 0 ? catalogs.get(id.slice(0, dot))?.[id.slice(dot + 1)] : undefined;
}

/** `message` with `values`, as services hand texts to whoever renders them. */
export function text(message: Message, values?: Record<string, unknown>): LocalizedText {
  return values ? { message, values } : { message };
}
