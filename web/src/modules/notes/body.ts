import { EMPTY_DOC, type RichTextNode } from './editor/schema';

/** `Note.body` (a JSONObject) as the editor's document; anything that is not a doc is an empty one. */
export function asDoc(body: Record<string, unknown> | null | undefined): RichTextNode {
  return body && body.type === 'doc' ? (body as unknown as RichTextNode) : EMPTY_DOC;
}

/** The document as the API's JSONObject input. */
export function asJson(doc: RichTextNode): Record<string, unknown> {
  return doc as unknown as Record<string, unknown>;
}

export const VISIBILITY_LABELS = {
  PRIVATE: 'Only me',
  TEAM: 'A team',
  ORGANIZATION: 'Everyone in the organization',
  USERS: 'Specific people',
} as const;

export type Visibility = keyof typeof VISIBILITY_LABELS;
