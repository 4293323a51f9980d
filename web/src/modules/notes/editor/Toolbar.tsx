import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { useId, useState, type FormEvent } from 'react';
import { useT, type Message } from '../../../app/i18n';
import { Button } from '../../../ui/controls';
import { m } from './messages';
import { HEADING_LEVELS, isAllowedHref } from './schema';

interface Action {
  /** What it does, for its accessible name and tooltip (with `values`). */
  label: Message;
  values?: Record<string, unknown>;
  /** What the button shows (a short glyph or abbreviation). */
  glyph: string;
  shortcut?: string;
  active(editor: Editor): boolean;
  run(editor: Editor): void;
}

// Each action names Tiptap's own keyboard shortcut in its tooltip (the extensions bind them).
const ACTIONS: Action[] = [
  { label: m.bold, glyph: 'B', shortcut: 'Mod+B', active: (e) => e.isActive('bold'), run: (e) => e.chain().focus().toggleBold().run() },
  { label: m.italic, glyph: 'I', shortcut: 'Mod+I', active: (e) => e.isActive('italic'), run: (e) => e.chain().focus().toggleItalic().run() },
  { label: m.underline, glyph: 'U', shortcut: 'Mod+U', active: (e) => e.isActive('underline'), run: (e) => e.chain().focus().toggleUnderline().run() },
  { label: m.strikethrough, glyph: 'S', shortcut: 'Mod+Shift+S', active: (e) => e.isActive('strike'), run: (e) => e.chain().focus().toggleStrike().run() },
  { label: m.inlineCode, glyph: '</>', shortcut: 'Mod+E', active: (e) => e.isActive('code'), run: (e) => e.chain().focus().toggleCode().run() },
  ...HEADING_LEVELS.map((level): Action => ({
    label: m.heading,
    values: { level },
    glyph: `H${level}`,
    shortcut: `Mod+Alt+${level}`,
    active: (e) => e.isActive('heading', { level }),
    run: (e) => e.chain().focus().toggleHeading({ level }).run(),
  })),
  {
    label: m.bulletedList,
    glyph: '•',
    shortcut: 'Mod+Shift+8',
    active: (e) => e.isActive('bulletList'),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    label: m.numberedList,
    glyph: '1.',
    shortcut: 'Mod+Shift+7',
    active: (e) => e.isActive('orderedList'),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  { label: m.taskList, glyph: '☐', shortcut: 'Mod+Shift+9', active: (e) => e.isActive('taskList'), run: (e) => e.chain().focus().toggleTaskList().run() },
  { label: m.quote, glyph: '❝', shortcut: 'Mod+Shift+B', active: (e) => e.isActive('blockquote'), run: (e) => e.chain().focus().toggleBlockquote().run() },
  { label: m.codeBlock, glyph: '{ }', shortcut: 'Mod+Alt+C', active: (e) => e.isActive('codeBlock'), run: (e) => e.chain().focus().toggleCodeBlock().run() },
  { label: m.divider, glyph: '—', active: () => false, run: (e) => e.chain().focus().setHorizontalRule().run() },
];

/** The formatting buttons above an editor; each shows whether it applies at the cursor. */
export function Toolbar({ editor, label }: { editor: Editor; label: string }) {
  const t = useT();
  // "Mod+Shift+8" as the reader's keyboard names it ("Ctrl/⌘+Shift+8").
  const keys = (shortcut: string) => shortcut.replace('Mod', t(m.ctrlOrCmd)).replace('Shift', t(m.shiftKey));
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
    <div className="rte-toolbar" role="toolbar" aria-label={t(m.formattingOf, { label })}>
      {ACTIONS.map((action, index) => (
        <button
          key={action.glyph}
          type="button"
          className={active.marks[index] ? 'rte-button active' : 'rte-button'}
          aria-label={t(action.label, action.values)}
          aria-pressed={active.marks[index]}
          title={
            action.shortcut ? t(m.withShortcut, { label: t(action.label, action.values), shortcut: keys(action.shortcut) }) : t(action.label, action.values)
          }
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
        aria-label={t(m.link)}
        aria-pressed={active.link}
        aria-expanded={linking}
        title={t(m.link)}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => setLinking((open) => !open)}
      >
        {t(m.link)}
      </button>
      {linking ? <LinkForm editor={editor} initial={active.href} close={() => setLinking(false)} /> : null}
    </div>
  );
}

/** Sets or removes the link of the selection; only web and e-mail addresses are accepted. */
function LinkForm({ editor, initial, close }: { editor: Editor; initial: string; close(): void }) {
  const t = useT();
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
      setError(t(m.linkRule));
      return;
    }
    editor.chain().focus().extendMarkRange('link').setLink({ href: withProtocol }).run();
    close();
  }
  return (
    <form className="rte-link-form" onSubmit={apply}>
      <label htmlFor={id}>{t(m.linkAddress)}</label>
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
        {t(m.apply)}
      </Button>
      {initial ? (
        <Button
          onClick={() => {
            editor.chain().focus().extendMarkRange('link').unsetLink().run();
            close();
          }}
        >
          {t(m.removeLink)}
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
