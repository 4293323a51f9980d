import {
  AggregateAccess,
  filterToSql,
  forbidden,
  globalIdOf,
  idempotent,
  OrderDirection,
  paginate,
  paginateGroups,
  parseGlobalId,
  principalOrgId,
  requireOrgId,
  requireUserId,
  requireVisibleNodes,
  sortKeysFor,
  toGlobalId,
  TrackedFields,
  uuidv7,
  validateInput,
  type Authorizer,
  type Connection,
  type ConnectionArgs,
  type Database,
  type FilterSpec,
  type GraphClient,
  type OrderField,
  type PublishedEvent,
  type RequestContext,
  zodMessage,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { notesEvents } from '../contracts.js';
import { NoteReaders } from './note-readers.js';
import { NoteRevision } from './note-revision.entity.js';
import { Note, NoteVisibility } from './note.entity.js';
import {
  NoteErrorCode,
  noteAboutNotFound,
  noteInvalidBody,
  noteNotFound,
  noteRevisionConflict,
  noteRevisionNotFound,
  noteTeamNotFound,
  noteUserNotMember,
} from './note.errors.js';
import type { NoteAboutInput, NoteCreateInput, NoteFilter, NoteRevisionRestoreInput, NoteShareInput, NotesArgs, NoteUpdateInput } from './note.inputs.js';
import { NoteChange } from './note.live.js';
import { emptyDoc, excerptOf, mentionedUsers, plainText, RichTextError, sanitizeDoc, type RichTextDoc } from './rich-text.js';
import { noteErrorTexts } from '../messages.js';

/** The note with the sharing a `note.shared` event says it had before (the note unchanged when the data does not parse). */
function sharedBefore(note: Note, data: unknown): Note {
  const parsed = notesEvents['note.shared'].safeParse(data);
  if (!parsed.success) return note;
  const { visibility, teamId, sharedWithIds } = parsed.data.before;
  return Object.assign(Object.create(Note.prototype) as Note, note, { visibility: visibility as NoteVisibility, teamId, sharedWithIds });
}

const title = z.string().trim().max(200, zodMessage(noteErrorTexts.titleTooLong));
const body = z.record(z.string(), z.unknown());
const userIds = z.array(globalIdOf('User')).max(100, zodMessage(noteErrorTexts.tooManyUsers));
const aboutIds = z.array(z.string().min(1).max(200)).max(50, zodMessage(noteErrorTexts.tooManyObjects));
const createInput = z.object({
  title: title.nullish(),
  body: body.nullish(),
  visibility: z.enum(NoteVisibility),
  teamId: globalIdOf('Team').nullish(),
  sharedWithIds: userIds.nullish(),
  aboutIds: aboutIds.nullish(),
  pinned: z.boolean().nullish(),
});
const updateInput = z.object({
  id: globalIdOf('Note'),
  title: title.nullish(),
  body: body.nullish(),
  pinned: z.boolean().nullish(),
  archived: z.boolean().nullish(),
  expectedRevision: z.number().int().nullish(),
});
const shareInput = z.object({ id: globalIdOf('Note'), visibility: z.enum(NoteVisibility), teamId: globalIdOf('Team').nullish(), userIds: userIds.nullish() });
const aboutInput = z.object({ id: globalIdOf('Note'), aboutIds: aboutIds.min(1, zodMessage(noteErrorTexts.objectRequired)) });
const restoreRevisionInput = z.object({ id: globalIdOf('Note'), number: z.number().int().min(1) });
const idInput = z.object({ id: globalIdOf('Note') });

/** The fields its `note.updated` events carry before and after a change. */
const TRACKED = TrackedFields.of(Note, ['title', 'pinned', 'archivedAt', 'revision']);

const filterSpec: FilterSpec = {
  id: { path: 'note.id', kind: 'id', idType: 'Note' },
  title: { path: 'note.title', kind: 'string' },
  text: { path: 'note.text', kind: 'string' },
  pinned: { path: 'note.pinned', kind: 'boolean' },
  archivedAt: { path: 'note.archivedAt', kind: 'datetime' },
  archived: {
    kind: 'computed',
    toSql: (input, bind) => {
      const { eq, neq } = (input ?? {}) as { eq?: boolean | null; neq?: boolean | null };
      const terms: string[] = [];
      if (eq !== undefined && eq !== null) terms.push(`(note.archived_at IS NOT NULL) = ${bind(eq)}`);
      if (neq !== undefined && neq !== null) terms.push(`(note.archived_at IS NOT NULL) <> ${bind(neq)}`);
      return terms;
    },
  },
  authorId: { path: 'note.authorId', kind: 'id', idType: 'User' },
  visibility: { path: 'note.visibility', kind: 'enum' },
  aboutId: {
    kind: 'computed',
    toSql: (input, bind) => {
      const { eq, in: anyOf } = (input ?? {}) as { eq?: string | null; in?: string[] | null };
      const terms: string[] = [];
      if (eq) terms.push(`note.about_ids @> ARRAY[${bind(eq)}]::text[]`);
      if (anyOf) terms.push(`note.about_ids && CAST(${bind(anyOf)} AS text[])`);
      return terms;
    },
  },
  createdAt: { path: 'note.createdAt', kind: 'datetime' },
  updatedAt: { path: 'note.updatedAt', kind: 'datetime' },
};

const orderFields: Record<string, OrderField> = {
  createdAt: { path: 'note.createdAt', sqlType: 'timestamptz' },
  updatedAt: { path: 'note.updatedAt', sqlType: 'timestamptz' },
  title: { path: 'note.title', sqlType: 'text' },
  pinned: { path: 'note.pinned', sqlType: 'boolean' },
};
const idOrder: OrderField = { path: 'note.id', sqlType: 'uuid' };
const pinnedThenRecent = [
  { field: 'pinned', direction: OrderDirection.DESC },
  { field: 'updatedAt', direction: OrderDirection.DESC },
];

type Sharing = { visibility: NoteVisibility; teamId: string | null; sharedWithIds: string[] };

/**
 * Notes: rich-text documents a person writes, private by default or shared (NoteReaders decides who
 * reads them; only the author changes them). Every save of the title or body appends a revision in
 * the same transaction; newly mentioned readers are announced; deleting moves a note to the trash.
 */
export class NoteService {
  readonly access: AggregateAccess<Note>;
  readonly readers: NoteReaders;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly graph: GraphClient,
  ) {
    this.readers = new NoteReaders(authz);
    this.access = new AggregateAccess(db, authz, {
      type: 'Note',
      entity: Note,
      table: 'notes.notes',
      notFound: noteNotFound,
      readableOf: async (request, rows) => {
        const viewer = await this.readers.viewerOf(request);
        return rows.map((row) => NoteReaders.reads(viewer, row));
      },
    });
  }

  async list(request: RequestContext, args: NotesArgs): Promise<Connection<Note>> {
    requireOrgId(request);
    const viewer = await this.readers.viewerOf(request);
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => NoteReaders.restrict(this.query(em, args.filter), 'note', viewer),
      sort: sortKeysFor(args.orderBy, orderFields, pinnedThenRecent, idOrder),
      args,
    });
  }

  /** A note's revisions, newest first (the caller reads the note: its field checked that). */
  revisions(request: RequestContext, note: Note, args: ConnectionArgs): Promise<Connection<NoteRevision>> {
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => em.createQueryBuilder(NoteRevision, 'revision').where('revision.note_id = :noteId', { noteId: note.id }),
      sort: [
        { name: 'number', path: 'revision.number', direction: 'DESC', sqlType: 'int' },
        { name: 'id', path: 'revision.id', direction: 'DESC', sqlType: 'uuid' },
      ],
      args,
    });
  }

  /**
   * The notes about each of `aboutIds` (global ids of any type) the caller reads, one page per
   * object in one statement: the notes joined to the ids they are about (unnest), grouped by id.
   */
  async aboutPages(request: RequestContext, aboutIds: readonly string[], args: ConnectionArgs): Promise<Connection<Note>[]> {
    requireOrgId(request);
    const viewer = await this.readers.viewerOf(request);
    return paginateGroups(
      {
        db: this.db,
        scope: request,
        entity: Note,
        build: (em) =>
          NoteReaders.restrict(
            em
              .createQueryBuilder(Note, 'note')
              .innerJoin(
                (sub) => sub.select('about_note.id', 'note_id').addSelect('unnest(about_note.about_ids)', 'node_id').from(Note, 'about_note'),
                'about',
                'about.note_id = note.id',
              ),
            'note',
            viewer,
          ),
        alias: 'note',
        groupPath: 'about.node_id',
        idProperty: 'id',
        sort: sortKeysFor(null, orderFields, pinnedThenRecent, idOrder),
        args,
      },
      aboutIds,
    );
  }

  async viewerCanEdit(request: RequestContext, note: Note): Promise<boolean> {
    return NoteReaders.edits(await this.readers.viewerOf(request), note);
  }

  async create(request: RequestContext, input: NoteCreateInput): Promise<Note> {
    const orgId = requireOrgId(request);
    const authorId = requireUserId(request);
    const valid = validateInput(createInput, input, NoteErrorCode.InvalidInput);
    const doc = sanitized(valid.body ?? emptyDoc());
    const sharing = await this.sharing(request, orgId, valid.visibility, valid.teamId ?? null, valid.sharedWithIds ?? [], ['input', 'sharedWithIds']);
    const about = await this.visibleAbout(request, valid.aboutIds ?? []);
    return this.db.transaction(request, (em) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'noteCreate',
        input: valid,
        create: async () => {
          const note = await em.save(
            em.create(Note, {
              id: uuidv7(),
              orgId,
              title: valid.title ?? '',
              body: doc,
              text: plainText(doc),
              authorId,
              ...sharing,
              aboutIds: about,
              pinned: valid.pinned ?? false,
              archivedAt: null,
              revision: 1,
            }),
          );
          await this.appendRevision(em, note, authorId);
          await this.emit(em, note, 'note.created', { after: TRACKED.snapshot(note), sharing: sharingOf(note), aboutIds: note.aboutIds });
          await this.announceMentions(em, note, [], authorId);
          return note;
        },
        load: (id) => em.findOneBy(Note, { id }),
      }),
    );
  }

  async update(request: RequestContext, input: NoteUpdateInput): Promise<Note> {
    const valid = validateInput(updateInput, input, NoteErrorCode.InvalidInput);
    const doc = valid.body ? sanitized(valid.body) : null;
    return this.db.transaction(request, async (em) => {
      const { note, actorId } = await this.loadForAuthor(em, request, valid.id);
      if (valid.expectedRevision != null && valid.expectedRevision !== note.revision) throw noteRevisionConflict(note.revision);
      const before = TRACKED.snapshot(note);
      const previousMentions = mentionedUsers(note.body);
      const newTitle = valid.title != null && valid.title !== note.title ? valid.title : null;
      const newBody = doc && JSON.stringify(doc) !== JSON.stringify(note.body) ? doc : null;
      if (newTitle !== null) note.title = newTitle;
      if (newBody) Object.assign(note, { body: newBody, text: plainText(newBody) });
      if (newTitle !== null || newBody) note.revision += 1;
      if (valid.pinned != null) note.pinned = valid.pinned;
      const wasArchived = note.archivedAt !== null;
      if (valid.archived != null && valid.archived !== wasArchived) note.archivedAt = valid.archived ? new Date() : null;
      const saved = await em.save(note);
      if (saved.revision !== before.revision) await this.appendRevision(em, saved, actorId);
      const change = TRACKED.change(before, TRACKED.snapshot(saved));
      if (change) await this.emit(em, saved, 'note.updated', { ...change, title: saved.title });
      if ((saved.archivedAt !== null) !== wasArchived) await this.emit(em, saved, wasArchived ? 'note.unarchived' : 'note.archived', { title: saved.title });
      if (newBody) await this.announceMentions(em, saved, previousMentions, actorId);
      return saved;
    });
  }

  async share(request: RequestContext, input: NoteShareInput): Promise<Note> {
    const valid = validateInput(shareInput, input, NoteErrorCode.InvalidInput);
    const orgId = requireOrgId(request);
    const sharing = await this.sharing(request, orgId, valid.visibility, valid.teamId ?? null, valid.userIds ?? [], ['input', 'userIds']);
    return this.db.transaction(request, async (em) => {
      const { note } = await this.loadForAuthor(em, request, valid.id);
      const before = sharingOf(note);
      Object.assign(note, sharing);
      const saved = await em.save(note);
      const after = sharingOf(saved);
      if (JSON.stringify(before) !== JSON.stringify(after)) await this.emit(em, saved, 'note.shared', { before, after, title: saved.title });
      return saved;
    });
  }

  /** Adds (`attach`) or removes objects the note is about. */
  async about(request: RequestContext, input: NoteAboutInput, attach: boolean): Promise<Note> {
    const valid = validateInput(aboutInput, input, NoteErrorCode.InvalidInput);
    const ids = attach ? await this.visibleAbout(request, valid.aboutIds) : valid.aboutIds;
    return this.db.transaction(request, async (em) => {
      const { note } = await this.loadForAuthor(em, request, valid.id);
      const changed = attach ? ids.filter((id) => !note.aboutIds.includes(id)) : ids.filter((id) => note.aboutIds.includes(id));
      if (!changed.length) return note;
      note.aboutIds = attach ? [...note.aboutIds, ...changed] : note.aboutIds.filter((id) => !changed.includes(id));
      const saved = await em.save(note);
      await this.emit(em, saved, attach ? 'note.attached' : 'note.detached', { aboutIds: changed, title: saved.title });
      return saved;
    });
  }

  /** Makes an earlier revision's title and body current again, as a new revision. */
  async restoreRevision(request: RequestContext, input: NoteRevisionRestoreInput): Promise<Note> {
    const valid = validateInput(restoreRevisionInput, input, NoteErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const { note, actorId } = await this.loadForAuthor(em, request, valid.id);
      const revision = await em.findOneBy(NoteRevision, { noteId: note.id, number: valid.number });
      if (!revision) throw noteRevisionNotFound();
      const before = TRACKED.snapshot(note);
      const previousMentions = mentionedUsers(note.body);
      Object.assign(note, { title: revision.title, body: revision.body, text: revision.text, revision: note.revision + 1 });
      const saved = await em.save(note);
      await this.appendRevision(em, saved, actorId);
      await this.emit(em, saved, 'note.updated', { ...TRACKED.change(before, TRACKED.snapshot(saved))!, title: saved.title, restoredFrom: revision.number });
      await this.announceMentions(em, saved, previousMentions, actorId);
      return saved;
    });
  }

  /** Moves a note to the trash (soft delete); it disappears from lists and references. */
  async delete(request: RequestContext, input: { id: string }): Promise<Note> {
    const { id } = validateInput(idInput, input, NoteErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const { note } = await this.loadForAuthor(em, request, id);
      await em.softDelete(Note, { id });
      await this.emit(em, note, 'note.deleted', { title: note.title || 'Untitled note' });
      return em.findOneOrFail(Note, { where: { id }, withDeleted: true });
    });
  }

  /** Brings a note back from the trash (its author, or the system acting for the trash). */
  async restore(request: RequestContext, input: { id: string }): Promise<Note> {
    const { id } = validateInput(idInput, input, NoteErrorCode.InvalidInput);
    const viewer = await this.readers.viewerOf(request);
    return this.db.transaction(request, async (em) => {
      const note = await em.findOne(Note, { where: { id }, withDeleted: true, lock: { mode: 'pessimistic_write' } });
      if (!note?.deletedAt || !NoteReaders.reads(viewer, note)) throw noteNotFound();
      if (!viewer.all && !NoteReaders.edits(viewer, note)) throw forbidden(noteErrorTexts.authorRestoresOnly);
      await em.restore(Note, { id });
      await this.emit(em, note, 'note.restored', {});
      return em.findOneByOrFail(Note, { id });
    });
  }

  /** A live event as a NoteChange for one subscriber, or null when it is not theirs to see. */
  async liveChange(request: RequestContext, event: PublishedEvent, filter: { id: string }): Promise<NoteChange | null> {
    if (event.subject?.type !== 'Note' || !event.type.startsWith('note.') || event.orgId !== principalOrgId(request.principal)) return null;
    if (event.subject.id !== filter.id) return null;
    const note = await this.db.transaction(request, (em) => em.findOne(Note, { where: { id: filter.id }, withDeleted: true }));
    if (!note) return null;
    const viewer = await this.readers.viewerOf(request);
    const reads = NoteReaders.reads(viewer, note);
    // Sharing taken away: whoever read the note before the change is told it is gone (no note), so an
    // open page stops showing it; nothing of the note as it is now is given.
    if (!reads && !(event.type === 'note.shared' && NoteReaders.reads(viewer, sharedBefore(note, event.data)))) return null;
    const fields = event.type === 'note.updated' && Array.isArray(event.data?.fields) ? (event.data.fields as string[]) : [];
    return Object.assign(new NoteChange(), {
      event: event.type,
      occurredAt: new Date(event.occurredAt),
      noteId: toGlobalId('Note', note.id),
      note: note.deletedAt || !reads ? null : note,
      changedFields: fields,
      actorId: event.actorId,
    });
  }

  /** The note for a change by its author: NOT_FOUND when the caller cannot read it, FORBIDDEN when it reads but is not the author. */
  private async loadForAuthor(em: EntityManager, request: RequestContext, id: string): Promise<{ note: Note; actorId: string }> {
    const viewer = await this.readers.viewerOf(request);
    const note = await em.findOne(Note, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!note || !NoteReaders.reads(viewer, note)) throw noteNotFound();
    if (!NoteReaders.edits(viewer, note)) throw forbidden(noteErrorTexts.authorChangesOnly);
    return { note, actorId: viewer.userId! };
  }

  /**
   * The sharing columns of a visibility. Every id given is checked, whatever the visibility: the team
   * must be one of the organization, the users its members (another organization's ids are answered as
   * unknown ones); the columns keep only what the visibility uses.
   */
  private async sharing(
    request: RequestContext,
    orgId: string,
    visibility: NoteVisibility,
    teamId: string | null,
    userIds: string[],
    usersField: string[],
  ): Promise<Sharing> {
    if (teamId) await this.requireTeam(request, orgId, teamId);
    const unique = [...new Set(userIds)];
    for (const userId of unique) {
      if (!(await this.authz.isMember(orgId, userId))) throw noteUserNotMember([...usersField, userIds.indexOf(userId)]);
    }
    if (visibility === NoteVisibility.TEAM) {
      if (!teamId) throw noteTeamNotFound();
      return { visibility, teamId, sharedWithIds: [] };
    }
    if (visibility === NoteVisibility.USERS) {
      if (!unique.length) throw noteUserNotMember(usersField);
      return { visibility, teamId: null, sharedWithIds: unique };
    }
    return { visibility, teamId: null, sharedWithIds: [] };
  }

  /**
   * NOTE_TEAM_NOT_FOUND unless `teamId` is a team of the organization: one with members is in its
   * policies; an empty one is asked of the graph as the caller (identity decides).
   */
  private async requireTeam(request: RequestContext, orgId: string, teamId: string): Promise<void> {
    if ((await this.authz.teamMembers(orgId, teamId)).length) return;
    await requireVisibleNodes(this.graph, request, [toGlobalId('Team', teamId)], () => noteTeamNotFound());
  }

  /** The objects a note may be about: each must exist and be readable by the caller (asked of the graph). */
  private async visibleAbout(request: RequestContext, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    const malformed = unique.find((id) => !parseGlobalId(id));
    if (malformed) throw noteAboutNotFound(['input', 'aboutIds', ids.indexOf(malformed)]);
    await requireVisibleNodes(this.graph, request, unique, (index) => noteAboutNotFound(['input', 'aboutIds', ids.indexOf(unique[index]!)]));
    return unique;
  }

  private async appendRevision(em: EntityManager, note: Note, authorId: string): Promise<void> {
    await em.save(
      Object.assign(new NoteRevision(), {
        id: uuidv7(),
        orgId: note.orgId,
        noteId: note.id,
        number: note.revision,
        title: note.title,
        body: note.body,
        text: note.text,
        authorId,
      }),
    );
  }

  /** `note.mentioned` for each user the save newly mentions who can read the note (never the author). */
  private async announceMentions(em: EntityManager, note: Note, previous: string[], actorId: string): Promise<void> {
    const added = mentionedUsers(note.body).filter((userId) => !previous.includes(userId) && userId !== actorId);
    for (const userId of added) {
      if (!NoteReaders.reads(await this.readers.viewer(note.orgId, userId), note)) continue;
      await this.db.emit(em, {
        type: 'note.mentioned',
        orgId: note.orgId,
        subject: { type: 'User', id: userId },
        data: { noteId: note.id, title: note.title, excerpt: excerptOf(note.text) },
      });
    }
  }

  private emit(em: EntityManager, note: Note, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, { type, orgId: note.orgId, subject: { type: 'Note', id: note.id }, data });
  }

  private query(em: EntityManager, filter: NoteFilter | null | undefined) {
    const query = em.createQueryBuilder(Note, 'note');
    const condition = filterToSql(filter as Record<string, unknown> | null | undefined, filterSpec);
    if (condition) query.andWhere(condition.sql, condition.params);
    return query;
  }
}

function sanitized(body: unknown): RichTextDoc {
  try {
    return sanitizeDoc(body);
  } catch (error) {
    if (error instanceof RichTextError) throw noteInvalidBody(error.reason);
    throw error;
  }
}

const sharingOf = (note: Note): Sharing => ({ visibility: note.visibility, teamId: note.teamId, sharedWithIds: note.sharedWithIds });
