import type { Message } from '../../app/i18n';
import { EMPTY_DOC, type RichTextNode } from './editor/schema';
import { m } from './messages';

/** `Note.body` (a JSONObject) as the editor's document; anything that is not a doc is an empty one. */
export function asDoc(body: Record<string, unknown> | null | undefined): RichTextNode {
  return body && body.type === 'doc' ? (body as unknown as RichTextNode) : EMPTY_DOC;
}

/** The document as the API's JSONObject input. */
export function asJson(doc: RichTextNode): Record<string, unknown> {
  return doc as unknown as Record<string, unknown>;
}

/** Who may read a note, in words (`t(VISIBILITY_LABELS[visibility])`). */
export const VISIBILITY_LABELS = {
  PRIVATE: m.visibilityPrivate,
  TEAM: m.visibilityTeam,
  ORGANIZATION: m.visibilityOrganization,
  USERS: m.visibilityUsers,
} as const satisfies Record<string, Message>;

export type Visibility = keyof typeof VISIBILITY_LABELS;
