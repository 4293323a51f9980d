import { fromGlobalId, gatewayDriven, GraphQLDateTimeISO, liveEventOf, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Field, FieldResolver, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { Folder } from '../folder/folder.entity.js';
import type { FilesServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { File } from './file.entity.js';

@ObjectType({ description: 'A change to a file, or to a folder, as it happened.' })
export class FileChange {
  @Field({
    description:
      'What happened: file.uploaded, file.renamed, file.moved, file.deleted, file.restored; folder.created, folder.renamed, folder.moved, folder.deleted (with what is in it), folder.restored.',
  })
  event!: string;

  @Field(() => GraphQLDateTimeISO)
  occurredAt!: Date;

  @Field(() => ID, { nullable: true, description: 'The file’s global id (also once it is deleted); null for a folder’s change.' })
  fileId!: string | null;

  @Field(() => File, { nullable: true, description: 'The file as it is now (null once deleted, and for a folder’s change).' })
  file!: File | null;

  @Field(() => ID, { nullable: true, description: 'The folder changed (a folder’s change), or the folder the file is in now (null: the top level).' })
  folderId!: string | null;

  @Field(() => Folder, { nullable: true, description: 'That folder as it is now (null once deleted).' })
  folder!: Folder | null;

  actorId!: string | null;
}

/** Subscriptions to files: one event at a time, asked by the gateway as the subscriber. */
@Resolver(() => FileChange)
export class FileLiveResolver {
  constructor(private readonly services: FilesServices) {}

  @Subscription(() => FileChange, {
    ...gatewayDriven,
    description:
      'Changes to the files you can read that are attached to one object (`aboutId`) or in one folder you can see (`folderId`, with the folders in it): give one, or both.',
  })
  fileChanged(
    @Arg('aboutId', () => ID, { nullable: true }) aboutId: string | null,
    @Arg('folderId', () => ID, { nullable: true }) folderId: string | null,
    @Ctx() context: SubgraphContext<FilesServices>,
  ): Promise<FileChange | null> {
    return this.services.changes.liveChange(context.request, liveEventOf(context), {
      aboutId,
      folderId: folderId ? fromGlobalId('Folder', folderId, 'folderId') : null,
    });
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who made it (null for the system).' })
  actor(@Root() change: FileChange): UserRef | null {
    return change.actorId ? UserRef.of(change.actorId) : null;
  }
}
