/**
 * What a note body may contain, as the notes subgraph allows it (it sanitizes every body it
 * stores and drops anything else). The editor is configured from these lists, and the read-only
 * renderer draws only these, so what a person writes is what the server keeps.
 */
export const ALLOWED_NODES = [
  'doc',
  'paragraph',
  'heading',
  'bulletList',
  'orderedList',
  'listItem',
  'taskList',
  'taskItem',
  'blockquote',
  'codeBlock',
  'horizontalRule',
  'hardBreak',
  'text',
  'mention',
] as const;

export const ALLOWED_MARKS = ['bold', 'italic', 'strike', 'underline', 'code', 'link'] as const;

export const HEADING_LEVELS = [1, 2, 3] as const;
export type HeadingLevel = (typeof HEADING_LEVELS)[number];

/** Link targets the server keeps: web pages and e-mail addresses (never javascript: or data:). */
export function isAllowedHref(href: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(href.trim());
}

/** A ProseMirror/Tiptap JSON node, as `Note.body` carries it. */
export interface RichTextNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichTextNode[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
}

export const EMPTY_DOC: RichTextNode = { type: 'doc', content: [{ type: 'paragraph' }] };

/** The users a body mentions (`mention` nodes), in order of first mention. */
export function mentionedUserIds(doc: RichTextNode): string[] {
  const ids: string[] = [];
  const visit = (node: RichTextNode) => {
    const id = node.type === 'mention' ? node.attrs?.id : undefined;
    if (typeof id === 'string' && !ids.includes(id)) ids.push(id);
    node.content?.forEach(visit);
  };
  visit(doc);
  return ids;
}
