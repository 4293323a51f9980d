import { EditorContent, useEditor } from '@tiptap/react';
import { useId, useMemo, useRef } from 'react';
import type { MentionCandidate } from './extensions';
import { noteExtensions } from './extensions';
import { MentionList, useMentionSuggestions } from './MentionSuggestions';
import type { RichTextNode } from './schema';
import { Toolbar } from './Toolbar';
import './editor.css';

interface RichTextEditorProps {
  /** The accessible name of the editing area (and of its toolbar). */
  label: string;
  /** The document to start from; the editor owns it afterwards (remount with a `key` to replace it). */
  initialContent: RichTextNode;
  onChange(doc: RichTextNode): void;
  /** Who `@` offers to mention (the organization's members). */
  mentionable: readonly MentionCandidate[];
  autofocus?: boolean;
}

/**
 * A rich-text editor for note bodies (Tiptap): a toolbar, the usual keyboard shortcuts (Ctrl/⌘+B,
 * I, U, E, Shift+S, Alt+1–3, Shift+7/8/9, Shift+B, Alt+C, Markdown-style input rules) and `@` to
 * mention a member. It produces only the node and mark types the notes subgraph keeps.
 */
export function RichTextEditor({ label, initialContent, onChange, mentionable, autofocus = false }: RichTextEditorProps) {
  const mentions = useMentionSuggestions(mentionable);
  const listId = useId();
  // The editor is created once: its callbacks read the newest props through refs.
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const extensions = useMemo(() => noteExtensions(mentions.suggestion), [mentions.suggestion]);
  const editor = useEditor({
    extensions,
    content: initialContent,
    autofocus,
    // Tiptap's base rules are in editor.css: no <style> element is injected into the page.
    injectCSS: false,
    // Rendered on the first paint, so tests and people never see an empty frame.
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        class: 'rte-content',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': label,
        'aria-controls': listId,
      },
    },
    onUpdate: ({ editor: current }) => onChangeRef.current(current.getJSON() as RichTextNode),
  });
  return (
    <div className="rte">
      <Toolbar editor={editor} label={label} />
      <EditorContent editor={editor} />
      <MentionList open={mentions.open} choose={mentions.choose} listId={listId} />
    </div>
  );
}
