import { z } from 'zod';

/*
 * The collaboration module's public contracts (`@cellgraph/collaboration/contracts`): the events
 * it emits (type → schema of `data`), the only part of collaboration other modules may import.
 * Comment, link and tagging events are about the object concerned (their subject is that object),
 * so they join its activity.
 */

const id = z.string();
const tagLook = z.object({ name: z.string(), color: z.string().nullable(), category: z.string().nullable() });
const tagging = z.object({ tagId: id, tag: z.string() });
const linkEnd = z.object({ linkId: id, relationship: z.string(), direction: z.enum(['outgoing', 'incoming']), otherType: z.string(), otherId: id });

export const collaborationEvents = {
  'comment.created': z.object({ commentId: id, parentId: id.nullable() }),
  'comment.edited': z.object({ commentId: id }),
  'comment.deleted': z.object({ commentId: id }),
  /** The mentioned user is the subject; the comment is on the object `nodeType`/`nodeId`. */
  'user.mentioned': z.object({ commentId: id, nodeType: z.string(), nodeId: id, recipients: z.array(id) }),
  /** One event per end of the link, about that end's object. */
  'entity.linked': linkEnd,
  'entity.unlinked': linkEnd,
  'tag.created': z.object({ name: z.string() }),
  'tag.updated': z.object({ before: tagLook, after: tagLook }),
  /** The tag is the subject; `removedFrom` counts the objects that had it. */
  'tag.deleted': z.object({ name: z.string(), removedFrom: z.number().int() }),
  /** The tagged object is the subject. */
  'entity.tagged': tagging,
  'entity.untagged': tagging,
} as const;

export type CollaborationEvents = typeof collaborationEvents;

/** The events a module's tag projection consumes (see the kernel's NodeTagProjection). */
export const NODE_TAG_EVENTS = ['entity.tagged', 'entity.untagged', 'tag.deleted'] as const satisfies readonly (keyof CollaborationEvents)[];
