import { fromGlobalId, mutationPayload, requireOrgId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { FilesServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { File } from './file.entity.js';
import {
  FileConnection,
  FileCreateInput,
  FileDeleteInput,
  FileDeletePayload,
  FilePayload,
  FileRestoreInput,
  FilesArgs,
  FileUpdateInput,
} from './file.inputs.js';
import { loadFile } from './file.loaders.js';

type Context = SubgraphContext<FilesServices>;

@Resolver(() => File)
export class FileResolver {
  constructor(private readonly services: FilesServices) {}

  @Query(() => File, { nullable: true, description: 'A file of your organization, or null.' })
  file(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<File | null> {
    requireOrgId(context.request);
    return loadFile(context, fromGlobalId('File', id));
  }

  @Query(() => FileConnection, { nullable: true, description: 'Files of your organization.' })
  files(@Args(() => FilesArgs) args: FilesArgs, @Ctx() context: Context): Promise<Connection<File>> {
    return this.services.files.list(context.request, args);
  }

  @Mutation(() => FilePayload, { nullable: true })
  fileCreate(@Arg('input', () => FileCreateInput) input: FileCreateInput, @Ctx() context: Context): Promise<FilePayload> {
    return mutationPayload(async () => ({ file: await this.services.files.create(context.request, input) }));
  }

  @Mutation(() => FilePayload, { nullable: true })
  fileUpdate(@Arg('input', () => FileUpdateInput) input: FileUpdateInput, @Ctx() context: Context): Promise<FilePayload> {
    return mutationPayload(async () => ({ file: await this.services.files.update(context.request, input) }));
  }

  @Mutation(() => FileDeletePayload, { nullable: true, description: 'Move a file to the trash (it can be restored).' })
  fileDelete(@Arg('input', () => FileDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedFileId: await this.services.files.delete(context.request, input) }));
  }

  @Mutation(() => FilePayload, { nullable: true, description: 'Bring a file back from the trash.' })
  fileRestore(@Arg('input', () => FileRestoreInput) input: { id: string }, @Ctx() context: Context): Promise<FilePayload> {
    return mutationPayload(async () => ({ file: await this.services.files.restore(context.request, input) }));
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who created it.' })
  createdBy(@Root() file: File): UserRef {
    return UserRef.of(file.createdBy);
  }
}
