import { fromGlobalId, mutationPayload, requireOrgId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { NotesServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { Note } from './note.entity.js';
import {
  NoteConnection,
  NoteCreateInput,
  NoteDeleteInput,
  NoteDeletePayload,
  NotePayload,
  NoteRestoreInput,
  NotesArgs,
  NoteUpdateInput,
} from './note.inputs.js';
import { loadNote } from './note.loaders.js';

type Context = SubgraphContext<NotesServices>;

@Resolver(() => Note)
export class NoteResolver {
  constructor(private readonly services: NotesServices) {}

  @Query(() => Note, { nullable: true, description: 'A note of your organization, or null.' })
  note(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<Note | null> {
    requireOrgId(context.request);
    return loadNote(context, fromGlobalId('Note', id));
  }

  @Query(() => NoteConnection, { nullable: true, description: 'Notes of your organization.' })
  notes(@Args(() => NotesArgs) args: NotesArgs, @Ctx() context: Context): Promise<Connection<Note>> {
    return this.services.notes.list(context.request, args);
  }

  @Mutation(() => NotePayload, { nullable: true })
  noteCreate(@Arg('input', () => NoteCreateInput) input: NoteCreateInput, @Ctx() context: Context): Promise<NotePayload> {
    return mutationPayload(async () => ({ note: await this.services.notes.create(context.request, input) }));
  }

  @Mutation(() => NotePayload, { nullable: true })
  noteUpdate(@Arg('input', () => NoteUpdateInput) input: NoteUpdateInput, @Ctx() context: Context): Promise<NotePayload> {
    return mutationPayload(async () => ({ note: await this.services.notes.update(context.request, input) }));
  }

  @Mutation(() => NoteDeletePayload, { nullable: true, description: 'Move a note to the trash (it can be restored).' })
  noteDelete(@Arg('input', () => NoteDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedNoteId: await this.services.notes.delete(context.request, input) }));
  }

  @Mutation(() => NotePayload, { nullable: true, description: 'Bring a note back from the trash.' })
  noteRestore(@Arg('input', () => NoteRestoreInput) input: { id: string }, @Ctx() context: Context): Promise<NotePayload> {
    return mutationPayload(async () => ({ note: await this.services.notes.restore(context.request, input) }));
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who created it.' })
  createdBy(@Root() note: Note): UserRef {
    return UserRef.of(note.createdBy);
  }
}
