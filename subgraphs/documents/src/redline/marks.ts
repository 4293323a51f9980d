import { randomUUID } from 'node:crypto';
import { DELETED, elementsOf, elementsWith, FIELD, INSERTED, parseFragment, printFragment, unwrap, type Fragment, type HtmlElement } from './html.js';

/*
 * Free-text track changes: the editor wraps typed text in an element carrying `data-inserted` and
 * deleted text in one carrying `data-deleted` (TipTap's marks: `<span data-inserted="…">`; `<ins>`
 * and `<del>` are read the same way). The attribute's value is the mark's id, so one mark can be
 * accepted or rejected alone; a mark may span several elements (same id). An editor that writes
 * `"true"` (or nothing) gets ids when the content is saved (`identifyMarks`).
 *
 * Accepting an insertion keeps its text (unwraps it), accepting a deletion drops its text;
 * rejecting does the opposite.
 */

export type MarkKind = 'insertion' | 'deletion';
export type Decision = 'accept' | 'reject';

export interface Mark {
  id: string;
  kind: MarkKind;
  /** The text it inserted or deleted (all its elements, in document order). */
  text: string;
  /** The `data-field` section it sits in, or null outside any. */
  field: string | null;
}

/** What a mark id may be (anything else, such as TipTap's "true", is replaced on save). */
const MARK_ID = /^[A-Za-z0-9_-]{8,64}$/;

const attributeOf = (kind: MarkKind) => (kind === 'insertion' ? INSERTED : DELETED);

function markElements($: Fragment): { element: HtmlElement; kind: MarkKind; id: string }[] {
  return elementsOf($, `[${INSERTED}], [${DELETED}]`).map((element) => {
    const kind: MarkKind = element.attribs[INSERTED] !== undefined ? 'insertion' : 'deletion';
    return { element, kind, id: element.attribs[attributeOf(kind)] ?? '' };
  });
}

/**
 * Gives every mark a valid id that no other mark of the other kind shares: ids that are missing,
 * malformed (TipTap's `"true"`) or taken by a mark of the other kind are replaced. Adjacent elements
 * keep sharing the id they were given together.
 */
export function identifyMarks(html: string, newId: () => string = randomUUID): string {
  const $ = parseFragment(html);
  const kindOfId = new Map<string, MarkKind>();
  for (const mark of markElements($)) {
    const taken = kindOfId.get(mark.id);
    if (MARK_ID.test(mark.id) && (taken === undefined || taken === mark.kind)) {
      kindOfId.set(mark.id, mark.kind);
      continue;
    }
    const id = newId();
    kindOfId.set(id, mark.kind);
    $(mark.element).attr(attributeOf(mark.kind), id);
    // A mark element with both attributes is read as an insertion: drop the stray one.
    if (mark.kind === 'insertion') $(mark.element).removeAttr(DELETED);
  }
  return printFragment($);
}

/** The marks of content, in document order (one entry per id). */
export function marksOf(html: string): Mark[] {
  const $ = parseFragment(html);
  const marks = new Map<string, Mark>();
  for (const { element, kind, id } of markElements($)) {
    const mark = marks.get(`${kind}:${id}`);
    const text = $(element).text();
    if (mark) mark.text += text;
    else marks.set(`${kind}:${id}`, { id, kind, text, field: $(element).closest(`[${FIELD}]`).attr(FIELD) ?? null });
  }
  return [...marks.values()];
}

/** Settles one element of a mark: keeps its text (unwraps) or drops it. */
function settle($: Fragment, element: HtmlElement, kind: MarkKind, decision: Decision): void {
  const keep = (kind === 'insertion') === (decision === 'accept');
  if (keep) unwrap($, element);
  else $(element).remove();
}

/** Accepts or rejects the mark `id`; `found` is false when no mark has it (content unchanged). */
export function decideMark(html: string, id: string, decision: Decision): { html: string; found: boolean } {
  const $ = parseFragment(html);
  const elements = [
    ...elementsWith($, INSERTED, id).map((element) => ({ element, kind: 'insertion' as const })),
    ...elementsWith($, DELETED, id).map((element) => ({ element, kind: 'deletion' as const })),
  ];
  for (const { element, kind } of elements) settle($, element, kind, decision);
  return { html: elements.length ? printFragment($) : html, found: elements.length > 0 };
}

/** Accepts or rejects every mark: the text as if every change stood, or as before any. */
export function decideAllMarks(html: string, decision: Decision): string {
  const $ = parseFragment(html);
  // The marks that drop text first: a mark nested in a dropped one goes with it.
  const dropped: MarkKind = decision === 'accept' ? 'deletion' : 'insertion';
  const kept: MarkKind = dropped === 'deletion' ? 'insertion' : 'deletion';
  $(`[${attributeOf(dropped)}]`).remove();
  for (const element of elementsOf($, `[${attributeOf(kept)}]`)) settle($, element, kept, decision);
  return printFragment($);
}
