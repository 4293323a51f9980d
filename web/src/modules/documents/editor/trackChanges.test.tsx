// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { fireEvent, screen, waitFor } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithApollo, unmountAll } from '../../../testing/render';
import { countNewMarks, documentExtensions } from './trackChanges';
import { TrackedEditor } from './TrackedEditor';

afterEach(unmountAll);

const CONTRACT = '<section data-field="fee" data-label="Fee"><p>The fee is 500 EUR.</p></section><p>Signed in Paris.</p>';

function editorWith(content: string): Editor {
  return new Editor({ extensions: documentExtensions(), content, injectCSS: false, enableInputRules: false, enablePasteRules: false });
}

/** The document position just after the first occurrence of `text`. */
function after(editor: Editor, text: string): number {
  let found = -1;
  editor.state.doc.descendants((node, pos) => {
    if (found >= 0 || !node.isText) return found < 0;
    const at = node.text!.indexOf(text);
    if (at >= 0) found = pos + at + text.length;
    return false;
  });
  if (found < 0) throw new Error(`no “${text}”`);
  return found;
}

function caretAt(editor: Editor, pos: number, to = pos) {
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, pos, to)));
}

/** What ProseMirror calls when a person types (the browser's input, read back from the DOM). */
function type(view: EditorView, text: string) {
  const { from, to } = view.state.selection;
  const handled = view.someProp('handleTextInput', (handle) => handle(view, from, to, text, () => view.state.tr.insertText(text, from, to)));
  expect(handled).toBe(true);
}

describe('the track-changes editor', () => {
  it('keeps data-field sections with their labels, and saved marks with their ids', () => {
    const editor = editorWith(
      '<section data-field="fee" data-label="Fee" data-clause-version="2"><p>The fee is <del data-deleted="m-old-00001">600</del><span data-inserted="m-new-00001">500</span> EUR.</p></section>',
    );
    const html = editor.getHTML();
    expect(html).toContain('<section data-field="fee" data-label="Fee" data-clause-version="2">');
    expect(html).toContain('<del data-deleted="m-old-00001">600</del>');
    expect(html).toContain('<ins data-inserted="m-new-00001">500</ins>');
    editor.destroy();
  });

  it('turns typed text into an insertion mark, and a typed-over selection into a deletion before it', () => {
    const editor = editorWith(CONTRACT);
    caretAt(editor, after(editor, 'The fee is '), after(editor, 'The fee is 500'));
    type(editor.view, '450');
    expect(editor.getHTML()).toContain('The fee is <del data-deleted="true">500</del><ins data-inserted="true">450</ins> EUR.');
    // Typing on extends the same insertion.
    type(editor.view, '0');
    expect(editor.getHTML()).toContain('<ins data-inserted="true">4500</ins>');
    expect(countNewMarks(editor.getHTML())).toEqual({ insertions: 1, deletions: 1 });
    editor.destroy();
  });

  it('marks text deleted with Backspace and Delete instead of removing it, and removes its own new insertions for good', () => {
    const editor = editorWith(CONTRACT);
    caretAt(editor, after(editor, 'Signed in Paris'));
    editor.commands.deleteTracked(-1);
    editor.commands.deleteTracked(-1);
    expect(editor.getHTML()).toContain('Signed in Par<del data-deleted="true">is</del>.');
    // The caret moved before the struck text: typing goes there, as an insertion.
    editor.commands.insertTracked('xx');
    expect(editor.getHTML()).toContain('Signed in Par<ins data-inserted="true">xx</ins><del data-deleted="true">is</del>.');
    // Backspace over one's own unsaved insertion removes it.
    editor.commands.deleteTracked(-1);
    expect(editor.getHTML()).toContain('Signed in Par<ins data-inserted="true">x</ins><del data-deleted="true">is</del>.');
    caretAt(editor, after(editor, 'Signed'));
    editor.commands.deleteTracked(1);
    expect(editor.getHTML()).toContain('Signed<del data-deleted="true"> </del>in');
    editor.destroy();
  });

  it('leaves saved changes to their decision: deleting over them changes nothing', () => {
    const editor = editorWith('<p>Net <ins data-inserted="saved-mark-1">30</ins> days</p>');
    caretAt(editor, after(editor, '30'));
    editor.commands.deleteTracked(-1);
    expect(editor.getHTML()).toBe('<p>Net <ins data-inserted="saved-mark-1">30</ins> days</p>');
    editor.destroy();
  });

  it('tracks Backspace pressed in the rendered editor and reports the new HTML', async () => {
    const changes: string[] = [];
    renderWithApollo(<TrackedEditor label="Content" initialContent="<p>Hello world</p>" onChange={(html) => changes.push(html)} />, []);
    const area = await screen.findByRole('textbox', { name: 'Content' });
    const editor = (area as HTMLElement & { editor: Editor }).editor;
    caretAt(editor, after(editor, 'Hello world'));
    fireEvent.keyDown(area, { key: 'Backspace' });
    await waitFor(() => expect(changes.at(-1)).toBe('<p>Hello worl<del data-deleted="true">d</del></p>'));
  });
});
