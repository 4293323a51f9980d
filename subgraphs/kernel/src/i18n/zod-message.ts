import { messageById, type Message } from './messages.js';

const MARKER = 'i18n:';

/**
 * A custom zod message from a catalog: `z.string().regex(HEX, zodMessage(settingsMessages.colour))`.
 * Zod keeps a string (a marker with the message's id and values); the kernel's validation
 * (validateInput, issuesAsUserErrors) recognizes it and answers the message in the reader's language.
 */
export function zodMessage(message: Message, values?: Record<string, string | number>): string {
  return `${MARKER}${message.id}${values ? `|${JSON.stringify(values)}` : ''}`;
}

/** The catalog message (and values) a zodMessage marker names, or null for any other text. */
export function zodMessageOf(text: string): { message: Message; values?: Record<string, unknown> } | null {
  if (!text.startsWith(MARKER)) return null;
  const bar = text.indexOf('|');
  const message = messageById(text.slice(MARKER.length, bar < 0 ? undefined : bar));
  if (!message) return null;
  if (bar < 0) return { message };
  try {
    return { message, values: JSON.parse(text.slice(bar + 1)) as Record<string, unknown> };
  } catch {
    return { message };
  }
}
