import { fromGlobalId, gatewayDriven, GraphQLDateTimeISO, liveEventOf, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Field, FieldResolver, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { NotesServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { Note } from './note.entity.js';

@ObjectType({ description: 'A change to a note, as it happened.' })
export class NoteChange {
  @Field({ description: 'What happened: note.created, note.updated, note.shared, note.archived, note.deleted, …' })
  event!: string;

  @Field(() => GraphQLDateTimeISO)
  occurredAt!: Date;

  @Field(() => ID, { description: 'The note’s global id (also once it is deleted).' })
  noteId!: string;

  @Field(() => Note, { nullable: true, description: 'The note as it is now (null once deleted).' })
  note!: Note | null;

  @Field(() => [String], { description: 'The fields the change touched (note.updated), else empty.' })
  changedFields!: string[];

  actorId!: string | null;
}

/** Subscriptions to notes: one event at a time, asked by the gateway as the subscriber. */
@Resolver(() => NoteChange)
export class NoteLiveResolver {
  constructor(private readonly services: NotesServices) {}

  @Subscription(() => NoteChange, { ...gatewayDriven, description: 'Changes to one note you can read.' })
  noteChanged(@Arg('id', () => ID) id: string, @Ctx() context: SubgraphContext<NotesServices>): Promise<NoteChange | null> {
    return this.services.notes.liveChange(context.request, liveEventOf(context), { id: fromGlobalId('Note', id, 'id') });
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who made it (null for the system).' })
  actor(@Root() change: NoteChange): UserRef | null {
    return change.actorId ? UserRef.of(change.actorId) : null;
  }
}
