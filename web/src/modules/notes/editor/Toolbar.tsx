import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '../../../ui/controls';
import { HEADING_LEVELS, isAllowedHref } from './schema';

interface Action {
  label: string;
  /** What the button shows (a short glyph or abbreviation). */
  glyph: string;
  shortcut?: string;
  active(editor: Editor): boolean;
  run(editor: Editor): void;
}

// Each action names Tiptap's own keyboard shortcut in its tooltip (the extensions bind them).
const ACTIONS: Action[] = [
  { label: 'Bold', glyph: 'B', shortcut: 'Mod+B', active: (e) => e.isActive('bold'), run: (e) => e.chain().focus().toggleBold().run() },
  { label: 'Italic', glyph: 'I', shortcut: 'Mod+I', active: (e) => e.isActive('italic'), run: (e) => e.chain().focus().toggleItalic().run() },
  { label: 'Underline', glyph: 'U', shortcut: 'Mod+U', active: (e) => e.isActive('underline'), run: (e) => e.chain().focus().toggleUnderline().run() },
  { label: 'Strikethrough', glyph: 'S', shortcut: 'Mod+Shift+S', active: (e) => e.isActive('strike'), run: (e) => e.chain().focus().toggleStrike().run() },
  { label: 'Inline code', glyph: '</>', shortcut: 'Mod+E', active: (e) => e.isActive('code'), run: (e) => e.chain().focus().toggleCode().run() },
  ...HEADING_LEVELS.map((level): Action => ({
    label: `Heading ${level}`,
    glyph: `H${level}`,
    shortcut: `Mod+Alt+${level}`,
    active: (e) => e.isActive('heading', { level }),
    run: (e) => e.chain().focus().toggleHeading({ level }).run(),
  })),
  {
    label: 'Bulleted list',
    glyph: '•',
    shortcut: 'Mod+Shift+8',
    active: (e) => e.isActive('bulletList'),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    label: 'Numbered list',
    glyph: '1.',
    shortcut: 'Mod+Shift+7',
    active: (e) => e.isActive('orderedList'),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  { label: 'Task list', glyph: '☐', shortcut: 'Mod+Shift+9', active: (e) => e.isActive('taskList'), run: (e) => e.chain().focus().toggleTaskList().run() },
  { label: 'Quote', glyph: '❝', shortcut: 'Mod+Shift+B', active: (e) => e.isActive('blockquote'), run: (e) => e.chain().focus().toggleBlockquote().run() },
  { label: 'Code block', glyph: '{ }', shortcut: 'Mod+Alt+C', active: (e) => e.isActive('codeBlock'), run: (e) => e.chain().focus().toggleCodeBlock().run() },
  { label: 'Divider', glyph: '—', active: () => false, run: (e) => e.chain().focus().setHorizontalRule().run() },
];

/** The formatting buttons above an editor; each shows whether it applies at the cursor. */
export function Toolbar({ editor, label }: { editor: Editor; label: string }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      marks: ACTIONS.map((action) => action.active(current)),
      link: current.isActive('link'),
      href: (current.getAttributes('link').href as string | undefined) ?? '',
    }),
  });
  const [linking, setLinking] = useState(false);
  return (
    <div className="rte-toolbar" role="toolbar" aria-label={`Formatting of ${label}`}>
      {ACTIONS.map((action, index) => (
        <button
          key={action.label}
          type="button"
          className={active.marks[index] ? 'rte-button active' : 'rte-button'}
          aria-label={action.label}
          aria-pressed={active.marks[index]}
          title={action.shortcut ? `${action.label} (${action.shortcut.replace('Mod', 'Ctrl/⌘')})` : action.label}
          // mousedown would move the focus out of the editor and lose its selection.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => action.run(editor)}
        >
          {action.glyph}
        </button>
      ))}
      <button
        type="button"
        className={active.link ? 'rte-button active' : 'rte-button'}
        aria-label="Link"
        aria-pressed={active.link}
        aria-expanded={linking}
        title="Link"
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => setLinking((open) => !open)}
      >
        Link
      </button>
      {linking ? <LinkForm editor={editor} initial={active.href} close={() => setLinking(false)} /> : null}
    </div>
  );
}

/** Sets or removes the link of the selection; only web and e-mail addresses are accepted. */
function LinkForm({ editor, initial, close }: { editor: Editor; initial: string; close(): void }) {
  const [href, setHref] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  function apply(event: FormEvent) {
    event.preventDefault();
    const target = href.trim();
    if (!target) {
      editor.chain().focus().extendMarkRange('link').unsetLink().run();
      close();
      return;
    }
    const withProtocol = /^[a-z][a-z0-9+.-]*:/i.test(target) ? target : `https://${target}`;
    if (!isAllowedHref(withProtocol)) {
      setError('Links must start with http://, https:// or mailto:.');
      return;
    }
    editor.chain().focus().extendMarkRange('link').setLink({ href: withProtocol }).run();
    close();
  }
  return (
    <form className="rte-link-form" onSubmit={apply}>
      <label htmlFor={id}>Link address</label>
      <input
        id={id}
        value={href}
        autoFocus
        placeholder="https://…"
        aria-invalid={error ? true : undefined}
        onChange={(event) => setHref(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            close();
            editor.commands.focus();
          }
        }}
      />
      <Button type="submit" variant="primary">
        Apply
      </Button>
      {initial ? (
        <Button
          onClick={() => {
            editor.chain().focus().extendMarkRange('link').unsetLink().run();
            close();
          }}
        >
          Remove link
        </Button>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
