import { ConnectionArgs, fromGlobalId, mutationPayload, requireOrgId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { NotesServices } from '../services.js';
import { TeamRef } from '../team/team.ref.js';
import { UserRef } from '../user/user.ref.js';
import type { NoteRevision } from './note-revision.entity.js';
import { NoteConnection } from './note-connection.js';
import { Note } from './note.entity.js';
import {
  NoteAboutInput,
  NoteCreateInput,
  NoteIdInput,
  NotePayload,
  NoteRevisionConnection,
  NoteRevisionRestoreInput,
  NotesArgs,
  NoteShareInput,
  NoteUpdateInput,
} from './note.inputs.js';
import { loadNote } from './note.loaders.js';
import { excerptOf } from './rich-text.js';

type Context = SubgraphContext<NotesServices>;

@Resolver(() => Note)
export class NoteResolver {
  constructor(private readonly services: NotesServices) {}

  @Query(() => Note, { nullable: true, description: 'A note you can read, or null.' })
  note(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<Note | null> {
    requireOrgId(context.request);
    return loadNote(context, fromGlobalId('Note', id));
  }

  @Query(() => NoteConnection, { description: 'The notes you can read: pinned first, then most recently updated.' })
  async notes(@Args(() => NotesArgs) args: NotesArgs, @Ctx() context: Context): Promise<NoteConnection> {
    return NoteConnection.of('', await this.services.notes.list(context.request, args));
  }

  @Mutation(() => NotePayload, { description: 'Write a note (private unless shared).' })
  noteCreate(@Arg('input', () => NoteCreateInput) input: NoteCreateInput, @Ctx() context: Context): Promise<NotePayload> {
    return mutationPayload(async () => ({ note: await this.services.notes.create(context.request, input) }));
  }

  @Mutation(() => NotePayload, { description: 'Change a note (its author); a new title or body is a new revision.' })
  noteUpdate(@Arg('input', () => NoteUpdateInput) input: NoteUpdateInput, @Ctx() context: Context): Promise<NotePayload> {
    return mutationPayload(async () => ({ note: await this.services.notes.update(context.request, input) }));
  }

  @Mutation(() => NotePayload, { description: 'Choose who reads a note (its author).' })
  noteShare(@Arg('input', () => NoteShareInput) input: NoteShareInput, @Ctx() context: Context): Promise<NotePayload> {
    return mutationPayload(async () => ({ note: await this.services.notes.share(context.request, input) }));
  }

  @Mutation(() => NotePayload, { description: 'Attach a note to objects it is about.' })
  noteAttach(@Arg('input', () => NoteAboutInput) input: NoteAboutInput, @Ctx() context: Context): Promise<NotePayload> {
    return mutationPayload(async () => ({ note: await this.services.notes.about(context.request, input, true) }));
  }

  @Mutation(() => NotePayload, { description: 'Detach a note from objects.' })
  noteDetach(@Arg('input', () => NoteAboutInput) input: NoteAboutInput, @Ctx() context: Context): Promise<NotePayload> {
    return mutationPayload(async () => ({ note: await this.services.notes.about(context.request, input, false) }));
  }

  @Mutation(() => NotePayload, { description: 'Make an earlier revision current again (as a new revision).' })
  noteRevisionRestore(@Arg('input', () => NoteRevisionRestoreInput) input: NoteRevisionRestoreInput, @Ctx() context: Context): Promise<NotePayload> {
    return mutationPayload(async () => ({ note: await this.services.notes.restoreRevision(context.request, input) }));
  }

  @Mutation(() => NotePayload, { description: 'Move a note to the trash (it can be restored).' })
  noteDelete(@Arg('input', () => NoteIdInput) input: { id: string }, @Ctx() context: Context): Promise<NotePayload> {
    return mutationPayload(async () => ({ note: await this.services.notes.delete(context.request, input) }));
  }

  @Mutation(() => NotePayload, { description: 'Bring a note back from the trash.' })
  noteRestore(@Arg('input', () => NoteIdInput) input: { id: string }, @Ctx() context: Context): Promise<NotePayload> {
    return mutationPayload(async () => ({ note: await this.services.notes.restore(context.request, input) }));
  }

  @FieldResolver(() => String, { description: 'The first ~200 characters of the text.' })
  excerpt(@Root() note: Note): string {
    return excerptOf(note.text);
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who wrote it.' })
  author(@Root() note: Note): UserRef {
    return UserRef.of(note.authorId);
  }

  @FieldResolver(() => TeamRef, { nullable: true, description: 'The team that reads it (visibility TEAM).' })
  team(@Root() note: Note): TeamRef | null {
    return note.teamId ? TeamRef.of(note.teamId) : null;
  }

  @FieldResolver(() => [UserRef], { description: 'The users who read it (visibility USERS).' })
  sharedWith(@Root() note: Note): UserRef[] {
    return note.sharedWithIds.map((id) => UserRef.of(id));
  }

  @FieldResolver(() => [ID], { description: 'The global ids of the objects it is about.' })
  aboutIds(@Root() note: Note): string[] {
    return note.aboutIds;
  }

  @FieldResolver(() => Boolean, { description: 'Whether you may change it (its author).' })
  viewerCanEdit(@Root() note: Note, @Ctx() context: Context): Promise<boolean> {
    return this.services.notes.viewerCanEdit(context.request, note);
  }

  @FieldResolver(() => NoteRevisionConnection, { description: 'Its saved versions, newest first.' })
  revisions(@Root() note: Note, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: Context): Promise<Connection<NoteRevision>> {
    return this.services.notes.revisions(context.request, note, args);
  }
}
