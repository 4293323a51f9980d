// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import { fireEvent, screen, waitFor } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithApollo, unmountAll } from '../../../testing/render';
import { noteExtensions } from './extensions';
import { RichText } from './RichText';
import { RichTextEditor } from './RichTextEditor';
import { ALLOWED_MARKS, ALLOWED_NODES, EMPTY_DOC, mentionedUserIds, type RichTextNode } from './schema';

afterEach(unmountAll);

const members = [
  { id: 'user-ada', label: 'Ada Lovelace' },
  { id: 'user-alan', label: 'Alan Turing' },
  { id: 'user-grace', label: 'Grace Hopper' },
];

/** The Tiptap editor behind an editing area (Tiptap hangs it on its DOM node). */
const editorOf = (area: HTMLElement) => (area as HTMLElement & { editor: Editor }).editor;

async function renderEditor(initialContent: RichTextNode = EMPTY_DOC) {
  const changes: RichTextNode[] = [];
  renderWithApollo(<RichTextEditor label="Body" initialContent={initialContent} onChange={(doc) => changes.push(doc)} mentionable={members} />, []);
  return { area: await screen.findByRole('textbox', { name: 'Body' }), changes };
}

describe('the note editor', () => {
  it('has exactly the node and mark types the notes subgraph keeps', () => {
    const editor = new Editor({ extensions: noteExtensions(), injectCSS: false });
    expect(Object.keys(editor.schema.nodes).sort()).toEqual([...ALLOWED_NODES].sort());
    expect(Object.keys(editor.schema.marks).sort()).toEqual([...ALLOWED_MARKS].sort());
    editor.destroy();
  });

  it('drops pasted types the server would not keep and links that are not web or e-mail addresses', () => {
    const editor = new Editor({ extensions: noteExtensions(), injectCSS: false });
    editor.commands.setContent(
      '<h4>Deep</h4><p><a href="javascript:alert(1)">bad</a> <a href="https://example.com">good</a> <sup>up</sup></p><img src="x.png">',
    );
    const json = JSON.stringify(editor.getJSON());
    expect(json).not.toContain('javascript:');
    expect(json).not.toContain('image');
    expect(json).not.toContain('superscript');
    expect(json).toContain('https://example.com');
    // A heading level beyond 3 becomes an allowed one (or a paragraph), never level 4.
    expect(json).not.toContain('"level":4');
    editor.destroy();
  });

  it('formats from the toolbar and reports the new document', async () => {
    const { area, changes } = await renderEditor({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Plan' }] }] });
    editorOf(area).commands.selectAll();
    fireEvent.click(screen.getByRole('button', { name: 'Bold' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Bold' }).getAttribute('aria-pressed')).toBe('true'));
    expect(changes.at(-1)?.content?.[0]?.content?.[0]?.marks).toEqual([{ type: 'bold' }]);
    fireEvent.click(screen.getByRole('button', { name: 'Heading 2' }));
    await waitFor(() => expect(changes.at(-1)?.content?.[0]).toMatchObject({ type: 'heading', attrs: { level: 2 } }));
  });

  it('refuses a javascript: link from the link form', async () => {
    const { area } = await renderEditor({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Click' }] }] });
    editorOf(area).commands.selectAll();
    fireEvent.click(screen.getByRole('button', { name: 'Link' }));
    fireEvent.change(await screen.findByLabelText('Link address'), { target: { value: 'javascript:alert(1)' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect((await screen.findByRole('alert')).textContent).toContain('http://, https:// or mailto:');
    expect(JSON.stringify(editorOf(area).getJSON())).not.toContain('javascript');
  });

  it('suggests members after @ and inserts the chosen one as a mention node', async () => {
    const { area, changes } = await renderEditor();
    // Focused, as when a person types: the mention command moves the page's selection after it.
    editorOf(area).chain().focus().insertContent('Ask @al').run();
    const list = await screen.findByRole('listbox', { name: 'People to mention' });
    await waitFor(() => expect([...list.querySelectorAll('[role=option]')].map((option) => option.textContent)).toEqual(['Alan Turing']));
    // The mention command collapses the page's selection after it; a browser has one at the caret, happy-dom none.
    document.getSelection()?.selectAllChildren(area);
    fireEvent.mouseDown(screen.getByRole('option', { name: 'Alan Turing' }));
    await waitFor(() => expect(mentionedUserIds(changes.at(-1) ?? EMPTY_DOC)).toEqual(['user-alan']));
    expect(JSON.stringify(changes.at(-1))).toContain('"label":"Alan Turing"');
    await waitFor(() => expect(screen.queryByRole('listbox', { name: 'People to mention' })).toBeNull());
  });
});

describe('the read-only body', () => {
  it('draws the allowed types and nothing that could run', async () => {
    const doc: RichTextNode = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Agenda' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'See ' },
            { type: 'text', text: 'this', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
            { type: 'text', text: ' and ' },
            { type: 'text', text: 'that', marks: [{ type: 'link', attrs: { href: 'https://example.com' } }, { type: 'bold' }] },
            { type: 'mention', attrs: { id: 'user-ada', label: 'Ada Lovelace' } },
          ],
        },
        {
          type: 'taskList',
          content: [{ type: 'taskItem', attrs: { checked: true }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Done' }] }] }],
        },
        { type: 'script', content: [{ type: 'text', text: 'alert(2)' }] },
      ],
    };
    renderWithApollo(<RichText doc={doc} />, []);
    expect(await screen.findByRole('heading', { level: 2, name: 'Agenda' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'that' }).getAttribute('href')).toBe('https://example.com');
    expect(screen.queryByRole('link', { name: 'this' })).toBeNull();
    expect(screen.getByText('@Ada Lovelace').className).toBe('mention');
    expect((screen.getByRole('checkbox', { name: 'Done' }) as HTMLInputElement).checked).toBe(true);
    expect(document.querySelector('script')).toBeNull();
  });
});
