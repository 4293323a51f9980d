import { Extension, Mark, mergeAttributes, Node, type AnyExtension } from '@tiptap/core';
import type { Mark as PmMark, MarkType } from '@tiptap/pm/model';
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import StarterKit from '@tiptap/starter-kit';

/*
 * Track changes in the documents editor, as the documents subgraph reads them (its
 * src/redline/marks.ts): typed text is wrapped in an element with `data-inserted="<mark id>"`,
 * deleted text stays, wrapped in one with `data-deleted="<mark id>"`. New marks carry the id
 * "true": the server gives them ids when the content is saved (`documentRevise`), and each becomes
 * a change to accept or reject. Sections with `data-field` (and their labels, clause versions) are
 * kept as they are, so structured fields and clauses survive an edit.
 */

/** The id of a mark made in this editor, before the server names it. */
export const NEW_MARK_ID = 'true';

const markId = (attribute: string) => ({
  default: NEW_MARK_ID,
  parseHTML: (element: HTMLElement) => element.getAttribute(attribute) || NEW_MARK_ID,
  renderHTML: (attributes: Record<string, unknown>) => ({ [attribute]: String(attributes.id ?? NEW_MARK_ID) }),
});

/** Inserted text: `<ins data-inserted="…">` (the server reads `<span data-inserted>` the same). */
export const Insertion = Mark.create({
  name: 'insertion',
  inclusive: false,
  excludes: 'deletion',
  addAttributes: () => ({ id: markId('data-inserted') }),
  // Before StarterKit's strike, which reads <del> too.
  parseHTML: () => [
    { tag: 'ins[data-inserted]', priority: 100 },
    { tag: 'span[data-inserted]', priority: 100 },
  ],
  renderHTML: ({ HTMLAttributes }) => ['ins', mergeAttributes(HTMLAttributes), 0],
});

/** Deleted text, kept until the change is decided: `<del data-deleted="…">`. */
export const Deletion = Mark.create({
  name: 'deletion',
  inclusive: false,
  excludes: 'insertion',
  addAttributes: () => ({ id: markId('data-deleted') }),
  parseHTML: () => [
    { tag: 'del[data-deleted]', priority: 100 },
    { tag: 'span[data-deleted]', priority: 100 },
  ],
  renderHTML: ({ HTMLAttributes }) => ['del', mergeAttributes(HTMLAttributes), 0],
});

const dataAttribute = (attribute: string) => ({
  default: null,
  parseHTML: (element: HTMLElement) => element.getAttribute(attribute),
  renderHTML: (attributes: Record<string, unknown>) => {
    const name = attribute.replace(/^data-/, '').replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
    const value = attributes[name];
    return value === null || value === undefined ? {} : { [attribute]: String(value) };
  },
});

/** A structured section (`<section data-field="fee" data-label="Fee">` or a div): kept with its attributes. */
export const FieldSection = Node.create({
  name: 'fieldSection',
  group: 'block',
  content: 'block+',
  defining: true,
  addAttributes: () => ({
    field: dataAttribute('data-field'),
    label: dataAttribute('data-label'),
    clauseVersion: dataAttribute('data-clause-version'),
    tag: { default: 'section', parseHTML: (element: HTMLElement) => element.tagName.toLowerCase(), renderHTML: () => ({}) },
  }),
  parseHTML: () => [{ tag: 'section[data-field]' }, { tag: 'div[data-field]' }],
  renderHTML: ({ node, HTMLAttributes }) => [node.attrs.tag === 'div' ? 'div' : 'section', HTMLAttributes, 0],
});

/** An inline field (`<span data-field="fee">500</span>`). */
export const FieldSpan = Mark.create({
  name: 'fieldSpan',
  inclusive: true,
  addAttributes: () => ({ field: dataAttribute('data-field'), label: dataAttribute('data-label') }),
  parseHTML: () => [{ tag: 'span[data-field]' }],
  renderHTML: ({ HTMLAttributes }) => ['span', HTMLAttributes, 0],
});

type Segment = { from: number; to: number; kind: 'new-insertion' | 'kept' | 'plain' };

/** The text of [from, to) cut into runs: this editor's own insertions, marks already saved, plain text. */
function segments(tr: Transaction, from: number, to: number, insertion: MarkType, deletion: MarkType): Segment[] {
  const runs: Segment[] = [];
  tr.doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isText) return true;
    const start = Math.max(pos, from);
    const end = Math.min(pos + node.nodeSize, to);
    if (start >= end) return false;
    const inserted = insertion.isInSet(node.marks);
    const kind: Segment['kind'] = inserted && inserted.attrs.id === NEW_MARK_ID ? 'new-insertion' : inserted || deletion.isInSet(node.marks) ? 'kept' : 'plain';
    runs.push({ from: start, to: end, kind });
    return false;
  });
  return runs;
}

/**
 * Deletes [from, to) as a tracked change: plain text gets a deletion mark (it stays, struck), text
 * typed since the last save goes for good, and changes already saved are left for their decision.
 */
export function markDeleted(tr: Transaction, from: number, to: number): Transaction {
  const { insertion, deletion } = tr.doc.type.schema.marks;
  if (!insertion || !deletion) return tr;
  for (const run of segments(tr, from, to, insertion, deletion).reverse()) {
    if (run.kind === 'new-insertion') tr.delete(run.from, run.to);
    else if (run.kind === 'plain') tr.addMark(run.from, run.to, deletion.create({ id: NEW_MARK_ID }));
  }
  return tr;
}

/** Replaces [from, to) by `text` as tracked changes: the old text marked deleted, the new one inserted after it. */
export function trackedReplace(state: EditorState, from: number, to: number, text: string): Transaction {
  const tr = state.tr;
  const { insertion, deletion } = state.schema.marks;
  if (!insertion || !deletion) return tr.insertText(text, from, to);
  const formatting: readonly PmMark[] = (state.storedMarks ?? state.doc.resolve(from).marks()).filter(
    (mark) => mark.type !== insertion && mark.type !== deletion,
  );
  if (from < to) markDeleted(tr, from, to);
  const at = tr.mapping.map(to);
  if (text) {
    tr.insert(at, state.schema.text(text, [...formatting, insertion.create({ id: NEW_MARK_ID })]));
    tr.setSelection(TextSelection.create(tr.doc, at + text.length));
  } else tr.setSelection(TextSelection.create(tr.doc, tr.mapping.map(from)));
  return tr.setMeta(trackChangesKey, true).scrollIntoView();
}

/** Backspace (`direction` -1) or Delete (+1) as a tracked deletion; false where it would join blocks. */
export function trackedDelete(state: EditorState, direction: -1 | 1): Transaction | null {
  const { selection } = state;
  if (!selection.empty) return trackedReplace(state, selection.from, selection.to, '');
  const $cursor = selection.$from;
  if (direction < 0 ? $cursor.parentOffset === 0 : $cursor.parentOffset === $cursor.parent.content.size) return null;
  const from = direction < 0 ? $cursor.pos - 1 : $cursor.pos;
  const to = from + 1;
  const tr = markDeleted(state.tr, from, to);
  // The caret moves past what stays (struck text), and stays where text went for good.
  const caret = direction < 0 ? tr.mapping.map(from) : tr.mapping.map(to);
  return tr.setSelection(TextSelection.create(tr.doc, caret)).setMeta(trackChangesKey, true).scrollIntoView();
}

export const trackChangesKey = new PluginKey('trackChanges');

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    trackChanges: {
      /** Types `text` at the selection as a tracked insertion (replacing a selection as a tracked deletion). */
      insertTracked: (text: string) => ReturnType;
      /** Deletes the selection, or the character before (-1) or after (1) the caret, as a tracked deletion. */
      deleteTracked: (direction: -1 | 1) => ReturnType;
    };
  }
}

/** Turns typing, pasting, Backspace and Delete into tracked changes. */
export const TrackChanges = Extension.create({
  name: 'trackChanges',
  // Before the keymaps and input rules: what it handles never reaches them.
  priority: 1000,
  addCommands() {
    return {
      insertTracked:
        (text) =>
        ({ state, dispatch }) => {
          if (dispatch) dispatch(trackedReplace(state, state.selection.from, state.selection.to, text));
          return true;
        },
      deleteTracked:
        (direction) =>
        ({ state, dispatch }) => {
          const tr = trackedDelete(state, direction);
          if (tr && dispatch) dispatch(tr);
          return true;
        },
    };
  },
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: trackChangesKey,
        props: {
          handleTextInput: (view, from, to, text) => {
            view.dispatch(trackedReplace(view.state, from, to, text));
            return true;
          },
          handlePaste: (view, _event, slice) => {
            const text = slice.content.textBetween(0, slice.content.size, ' ', ' ');
            const { from, to } = view.state.selection;
            view.dispatch(trackedReplace(view.state, from, to, text));
            return true;
          },
          handleKeyDown: (view, event) => {
            if (event.key !== 'Backspace' && event.key !== 'Delete') return false;
            const tr = trackedDelete(view.state, event.key === 'Backspace' ? -1 : 1);
            if (tr) view.dispatch(tr);
            return true;
          },
          handleDOMEvents: {
            // Cut would delete untracked: the text is copied, then deleted as a tracked change.
            cut: (view, event) => {
              const { from, to, empty } = view.state.selection;
              if (empty) return false;
              event.clipboardData?.setData('text/plain', view.state.doc.textBetween(from, to, '\n'));
              event.preventDefault();
              view.dispatch(trackedReplace(view.state, from, to, ''));
              return true;
            },
            // Dropping would move text untracked.
            drop: (_view, event) => {
              event.preventDefault();
              return true;
            },
          },
        },
      }),
    ];
  },
});

/** The extensions of the documents editor: the usual formatting, sections, and tracked changes. */
export function documentExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({ link: { openOnClick: false, autolink: false, HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null } } }),
    FieldSection,
    FieldSpan,
    Insertion,
    Deletion,
    TrackChanges,
  ];
}

/** The marks of new (unsaved) changes in HTML the editor wrote: how many insertions and deletions. */
export function countNewMarks(html: string): { insertions: number; deletions: number } {
  // DOMParser's document is inert: nothing in it loads or runs.
  const container = new DOMParser().parseFromString(html, 'text/html');
  return {
    insertions: container.querySelectorAll(`[data-inserted="${NEW_MARK_ID}"]`).length,
    deletions: container.querySelectorAll(`[data-deleted="${NEW_MARK_ID}"]`).length,
  };
}
