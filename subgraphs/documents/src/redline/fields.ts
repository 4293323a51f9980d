import { asHtmlText, DELETED, elementsWith, FIELD, parseFragment, printFragment, type Fragment } from './html.js';

/*
 * Structured edits: contract content marks each editable section with `data-field="<name>"`
 * (`<span data-field="payment_terms">30 days</span>`). A field's value is the plain text of its
 * section (as if every pending free-text change were accepted); writing a value replaces the
 * section's content with that text, escaped by the serializer — never parsed as HTML. Values are
 * kept as HTML text keeps them (`asHtmlText`: line ends as LF).
 */

export interface FieldValue {
  field: string;
  value: string;
}

/** One field's change, as a revision records it. */
export interface FieldEdit {
  field: string;
  oldValue: string;
  newValue: string;
}

function valueIn($: Fragment, field: string): string | null {
  const [section] = elementsWith($, FIELD, field);
  if (!section) return null;
  const settled = $(section).clone();
  settled.find(`[${DELETED}]`).remove();
  return settled.text();
}

/** The fields of content, in document order (a name used twice counts once: its first section). */
export function readFields(html: string): Map<string, string> {
  const $ = parseFragment(html);
  const fields = new Map<string, string>();
  for (const section of elementsWith($, FIELD)) {
    const name = section.attribs[FIELD]!;
    if (!fields.has(name)) fields.set(name, valueIn($, name)!);
  }
  return fields;
}

/** The value of one field, or null when the content has no such section. */
export const fieldValue = (html: string, field: string): string | null => valueIn(parseFragment(html), field);

/**
 * Writes values into their sections (every section of that name). Returns the new content, the
 * edits that changed a value (in the order given; a field given twice keeps its last value), and the
 * fields that have no section.
 */
export function applyFieldValues(html: string, values: FieldValue[]): { html: string; edits: FieldEdit[]; missing: string[] } {
  const $ = parseFragment(html);
  const edits = new Map<string, FieldEdit>();
  const missing: string[] = [];
  for (const { field, value: given } of values) {
    const value = asHtmlText(given);
    const sections = elementsWith($, FIELD, field);
    if (!sections.length) {
      if (!missing.includes(field)) missing.push(field);
      continue;
    }
    const oldValue = edits.get(field)?.oldValue ?? valueIn($, field)!;
    for (const section of sections) $(section).text(value);
    edits.delete(field);
    if (oldValue !== value) edits.set(field, { field, oldValue, newValue: value });
  }
  return { html: printFragment($), edits: [...edits.values()], missing };
}
