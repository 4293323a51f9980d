import {
  AggregateAccess,
  fromGlobalId,
  idempotent,
  OrderDirection,
  paginateGroups,
  parseGlobalId,
  requireOrgId,
  requireUserId,
  uuidv7,
  validateInput,
  type Authorizer,
  type Connection,
  type ConnectionArgs,
  type Database,
  type RequestContext,
  type SortKey,
  readableWhereVisible,
  zodMessage,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import type { NodeAccess } from '../node/node-access.js';
import { keyOf, nodeKey } from '../node/node.ref.js';
import { Comment } from './comment.entity.js';
import { CommentErrorCode, commentNotFound, mentionInvalid, notYoursToDelete, tooManyMentions, notYoursToEdit, replyToReply } from './comment.errors.js';
import type { CommentCreateInput } from './comment.inputs.js';
import { collaborationErrorTexts } from '../messages.js';

const MENTION = /<@([A-Za-z0-9_-]{1,200})>/g;
/** The people one comment may mention; the gateway's cost model counts `Comment.mentions` at this size. */
export const MAX_MENTIONS = 20;
const body = z.string().trim().min(1, zodMessage(collaborationErrorTexts.commentEmpty)).max(10_000, zodMessage(collaborationErrorTexts.commentTooLong));

const oldestFirst: SortKey[] = [
  { name: 'createdAt', path: 'comment.createdAt', sqlType: 'timestamptz', direction: OrderDirection.ASC },
  { name: 'id', path: 'comment.id', sqlType: 'uuid', direction: OrderDirection.ASC },
];

/**
 * Comments on any object: threads (a top-level comment and its replies), edits marked as such,
 * deletion that keeps "[deleted]" in the thread, and @mentions (`<@userId>`) kept as user
 * references and announced as `user.mentioned`. Whoever can see an object may comment on it;
 * authors edit their comments; authors and the object's managers delete them.
 */
export class CommentService {
  /**
   * Comments by id and their loader. A comment is read through its object — `Node.comments` and
   * `Comment.replies` check the object (NodeAccess), a reply's `parent` is on the same object — so
   * a row found in the caller's organization is readable as such (what the loader always answered).
   */
  readonly access: AggregateAccess<Comment>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly nodes: NodeAccess,
  ) {
    this.access = new AggregateAccess(db, authz, {
      type: 'Comment',
      entity: Comment,
      table: 'collaboration.comments',
      notFound: commentNotFound,
      readableOf: readableWhereVisible,
    });
  }

  async create(request: RequestContext, input: CommentCreateInput): Promise<Comment> {
    const orgId = requireOrgId(request);
    const authorId = requireUserId(request);
    const node = nodeKey(input.nodeId, 'nodeId');
    const text = validateInput(body, input.body, CommentErrorCode.InvalidInput);
    const parentId = input.parentId ? fromGlobalId('Comment', input.parentId, 'parentId') : null;
    const mentions = await this.mentions(orgId, text);
    await this.nodes.requireVisible(request, [node], () => ['input', 'nodeId']);
    return this.db.transaction(request, (em) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'commentCreate',
        input: { node: node.id, text, parentId },
        load: (id) => em.findOneBy(Comment, { id }),
        create: async () => {
          if (parentId) {
            const parent = await em.findOneBy(Comment, { id: parentId });
            if (!parent || parent.nodeId !== node.uuid) throw commentNotFound(['input', 'parentId']);
            if (parent.parentId) throw replyToReply();
          }
          const comment = em.create(Comment, {
            id: uuidv7(),
            orgId,
            nodeType: node.type,
            nodeId: node.uuid,
            parentId,
            authorId,
            text,
            mentions,
            editedAt: null,
            deletedAt: null,
          });
          await em.save(comment);
          await this.emit(em, comment, 'comment.created', { parentId });
          await this.announceMentions(em, comment, mentions);
          return comment;
        },
      }),
    );
  }

  /** The author edits the text; the comment is marked edited and new mentions are announced. */
  async update(request: RequestContext, input: { id: string; body: string }): Promise<Comment> {
    const orgId = requireOrgId(request);
    const userId = requireUserId(request);
    const id = fromGlobalId('Comment', input.id);
    const text = validateInput(body, input.body, CommentErrorCode.InvalidInput);
    const mentions = await this.mentions(orgId, text);
    return this.db.transaction(request, async (em) => {
      const comment = await this.visibleComment(request, em, id);
      if (comment.deletedAt) throw commentNotFound();
      if (comment.authorId !== userId) throw notYoursToEdit();
      const added = mentions.filter((uuid) => !comment.mentions.includes(uuid));
      comment.text = text;
      comment.mentions = mentions;
      comment.editedAt = new Date();
      const saved = await em.save(comment);
      await this.emit(em, saved, 'comment.edited', {});
      await this.announceMentions(em, saved, added);
      return saved;
    });
  }

  /** Deletes a comment (its author, or whoever manages the object): it stays in the thread as "[deleted]". */
  async delete(request: RequestContext, idInput: string): Promise<string> {
    const userId = requireUserId(request);
    const id = fromGlobalId('Comment', idInput);
    await this.db.transaction(request, async (em) => {
      const comment = await this.visibleComment(request, em, id);
      if (comment.deletedAt) throw commentNotFound();
      if (comment.authorId !== userId && !(await this.nodes.canManage(request, keyOf(comment.nodeType, comment.nodeId)))) {
        throw notYoursToDelete();
      }
      comment.deletedAt = new Date();
      await em.save(comment);
      await this.emit(em, comment, 'comment.deleted', {});
    });
    return idInput;
  }

  /** One page of top-level comments per node, oldest first, in a constant number of statements. */
  threads(request: RequestContext, nodeIds: readonly string[], args: ConnectionArgs): Promise<Connection<Comment>[]> {
    return this.grouped(request, 'comment.nodeId', nodeIds, args, true);
  }

  /** One page of replies per comment, oldest first. */
  replies(request: RequestContext, parentIds: readonly string[], args: ConnectionArgs): Promise<Connection<Comment>[]> {
    return this.grouped(request, 'comment.parentId', parentIds, args, false);
  }

  private grouped(
    request: RequestContext,
    groupPath: string,
    groups: readonly string[],
    args: ConnectionArgs,
    topLevel: boolean,
  ): Promise<Connection<Comment>[]> {
    return paginateGroups(
      {
        db: this.db,
        scope: request,
        entity: Comment,
        build: (em) => {
          const query = em.createQueryBuilder(Comment, 'comment');
          if (topLevel) query.andWhere('comment.parentId IS NULL');
          return query;
        },
        alias: 'comment',
        groupPath,
        idProperty: 'id',
        sort: oldestFirst,
        args,
      },
      groups,
    );
  }

  /** A comment on an object the caller may read (else not found). */
  private async visibleComment(request: RequestContext, em: EntityManager, id: string): Promise<Comment> {
    const comment = await em.findOne(Comment, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!comment || !(await this.nodes.readable(request, [keyOf(comment.nodeType, comment.nodeId)]))[0]) throw commentNotFound();
    return comment;
  }

  /** The users mentioned as <@userId> in `text`: each must be a member of the organization. */
  private async mentions(orgId: string, text: string): Promise<string[]> {
    const ids = new Set(Array.from(text.matchAll(MENTION), ([, id]) => id!));
    // Counted before any lookup: a body of thousands of mentions costs one check, not thousands.
    if (ids.size > MAX_MENTIONS) throw tooManyMentions(MAX_MENTIONS);
    const uuids = new Set<string>();
    for (const id of ids) {
      const decoded = parseGlobalId(id);
      if (decoded?.typeName !== 'User' || !(await this.authz.isMember(orgId, decoded.uuid))) {
        throw mentionInvalid(id);
      }
      uuids.add(decoded.uuid);
    }
    return [...uuids];
  }

  private async announceMentions(em: EntityManager, comment: Comment, users: string[]): Promise<void> {
    for (const userId of users) {
      await this.db.emit(em, {
        type: 'user.mentioned',
        orgId: comment.orgId,
        subject: { type: 'User', id: userId },
        data: { commentId: comment.id, nodeType: comment.nodeType, nodeId: comment.nodeId, recipients: [userId] },
      });
    }
  }

  /** Comment events are about the object commented on (so they join its activity). */
  private emit(em: EntityManager, comment: Comment, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, { type, orgId: comment.orgId, subject: { type: comment.nodeType, id: comment.nodeId }, data: { commentId: comment.id, ...data } });
  }
}
