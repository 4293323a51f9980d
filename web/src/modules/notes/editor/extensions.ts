import type { AnyExtension } from '@tiptap/core';
import Link from '@tiptap/extension-link';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import Mention from '@tiptap/extension-mention';
import StarterKit from '@tiptap/starter-kit';
import type { SuggestionOptions } from '@tiptap/suggestion';
import { HEADING_LEVELS, isAllowedHref } from './schema';

export interface MentionCandidate {
  id: string;
  label: string;
}

/**
 * The editor's extensions: exactly the node and mark types of the server's allow-list
 * (schema.ts). Pasted content of any other type is dropped by the editor's schema, so nothing the
 * server would strip is ever shown as saved. `injectCSS: false` on the editor keeps Tiptap from
 * adding a <style> element: its few rules live in notes.css.
 */
export function noteExtensions(suggestion?: Omit<SuggestionOptions<MentionCandidate>, 'editor'>): AnyExtension[] {
  return [
    StarterKit.configure({
      heading: { levels: [...HEADING_LEVELS] },
      // The link mark is configured below, with the server's protocols.
      link: false,
    }),
    Link.configure({
      openOnClick: false,
      autolink: true,
      defaultProtocol: 'https',
      isAllowedUri: (url) => isAllowedHref(url),
      shouldAutoLink: (url) => isAllowedHref(url) || /^[^\s:]+\.[^\s:]+/.test(url),
      HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
    }),
    TaskList,
    TaskItem.configure({ nested: true }),
    Mention.configure({
      HTMLAttributes: { class: 'mention' },
      renderText: ({ node }) => `@${node.attrs.label ?? node.attrs.id}`,
      renderHTML: ({ options, node }) => ['span', options.HTMLAttributes, `@${node.attrs.label ?? node.attrs.id}`],
      ...(suggestion ? { suggestion } : {}),
    }),
  ];
}
