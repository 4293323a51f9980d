import type { FieldEdit } from './fields.js';
import { asHtmlText, DELETED, elementsWith, FIELD, INSERTED, parseFragment, printFragment } from './html.js';

/*
 * Redline rendering from stored field changes — no diff algorithm: each changed field's section
 * shows its old text in `<del data-deleted="<change id>">` and its new text in
 * `<ins data-inserted="<change id>">` (the same attributes as free-text marks, so one stylesheet
 * shows both). Values are written as text nodes, so a value can never become markup; free-text
 * marks already in the content stay as they are.
 */

export interface RenderedChange extends FieldEdit {
  /** The id the rendered marks carry (the change's global id). */
  id: string;
}

export interface RedlineOptions {
  /** Show the replaced and deleted text (struck through); false shows only what is new. */
  includeOldText: boolean;
}

/**
 * Collapses successive changes of the same field into one: the first old value, the last new value
 * and the last change's id; a field that ends where it started is left out. Order: first change of
 * each field.
 */
export function collapseChanges(changes: RenderedChange[]): RenderedChange[] {
  const byField = new Map<string, RenderedChange>();
  for (const change of changes) {
    const earlier = byField.get(change.field);
    byField.set(change.field, earlier ? { ...change, oldValue: earlier.oldValue } : change);
  }
  return [...byField.values()].filter((change) => change.oldValue !== change.newValue);
}

/** Renders `changes` (collapsed per field) onto `html`, the content they led to. */
export function renderRedline(html: string, changes: RenderedChange[], { includeOldText }: RedlineOptions): string {
  const $ = parseFragment(html);
  for (const change of collapseChanges(changes)) {
    for (const section of elementsWith($, FIELD, change.field)) {
      const node = $(section).empty();
      if (includeOldText && change.oldValue) node.append($('<del></del>').attr(DELETED, change.id).text(asHtmlText(change.oldValue)));
      if (change.newValue) node.append($('<ins></ins>').attr(INSERTED, change.id).text(asHtmlText(change.newValue)));
    }
  }
  if (!includeOldText) $(`[${DELETED}]`).remove();
  return printFragment($);
}
