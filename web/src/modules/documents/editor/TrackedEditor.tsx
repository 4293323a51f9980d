import { EditorContent, useEditor } from '@tiptap/react';
import { useRef } from 'react';
import { documentExtensions } from './trackChanges';
import '../../notes/editor/editor.css';

interface TrackedEditorProps {
  /** The accessible name of the editing area. */
  label: string;
  /** The content to start from (the document's HTML); remount with a `key` to replace it. */
  initialContent: string;
  /** The content as HTML after each edit, with the new track-changes marks. */
  onChange(html: string): void;
}

/**
 * The document's content in a Tiptap editor with track changes always on: what is typed is an
 * insertion, what is deleted stays, struck through, until the change is accepted or rejected.
 */
export function TrackedEditor({ label, initialContent, onChange }: TrackedEditorProps) {
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const editor = useEditor({
    extensions: documentExtensions(),
    content: initialContent,
    injectCSS: false,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    // Markdown-style shortcuts would rewrite text untracked.
    enableInputRules: false,
    enablePasteRules: false,
    editorProps: {
      attributes: { class: 'rte-content doc-content', role: 'textbox', 'aria-multiline': 'true', 'aria-label': label },
    },
    onUpdate: ({ editor: current }) => onChangeRef.current(current.getHTML()),
  });
  return (
    <div className="rte doc-editor">
      <EditorContent editor={editor} />
    </div>
  );
}
