import { currentRequestContext } from '../context/request-context.js';
import type { LocalizedText, Message } from './messages.js';
import { translator, type Translator } from './translator.js';

/** A text a service hands to the caller: a catalog message, with its values or without. */
export type ReaderText = Message | LocalizedText;

export const isMessage = (text: ReaderText): text is Message => 'translations' in text;

/** The translator of the request being served (its reader's locale and time zone), or English/UTC outside one. */
export function requestTranslator(): Translator {
  const request = currentRequestContext();
  return translator(request?.locale, request?.timeZone);
}

/** `text` in the language of the request being served. */
export function renderText(text: ReaderText, reader: Translator = requestTranslator()): string {
  return isMessage(text) ? reader.t(text) : reader.text(text);
}
