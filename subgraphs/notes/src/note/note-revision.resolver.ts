import { FieldResolver, Resolver, Root } from 'type-graphql';
import { UserRef } from '../user/user.ref.js';
import { NoteRevision } from './note-revision.entity.js';

@Resolver(() => NoteRevision)
export class NoteRevisionResolver {
  @FieldResolver(() => UserRef, { nullable: true, description: 'Who saved it.' })
  author(@Root() revision: NoteRevision): UserRef {
    return UserRef.of(revision.authorId);
  }
}
