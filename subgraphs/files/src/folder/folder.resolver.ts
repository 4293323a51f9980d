import { ConnectionArgs, fromGlobalId, mutationPayload, requireOrgId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { FilesServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { Folder } from './folder.entity.js';
import {
  FolderConnection,
  FolderCreateInput,
  FolderDeleteInput,
  FolderDeletePayload,
  FolderMoveInput,
  FolderPayload,
  FolderRenameInput,
  FolderRestoreInput,
  FoldersArgs,
} from './folder.inputs.js';
import { ancestorsOf, loadFolder, visibleFolder } from './folder.loaders.js';

type Context = SubgraphContext<FilesServices>;

@Resolver(() => Folder)
export class FolderResolver {
  constructor(private readonly services: FilesServices) {}

  @Query(() => Folder, { nullable: true, description: 'A folder you can see, or null.' })
  folder(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<Folder | null> {
    requireOrgId(context.request);
    return loadFolder(context, fromGlobalId('Folder', id));
  }

  @Query(() => FolderConnection, {
    nullable: true,
    description: 'The folders in `parentId`, or the top-level folders of `ownerId` (default: yours), by name.',
  })
  folders(@Args(() => FoldersArgs) args: FoldersArgs, @Ctx() context: Context): Promise<Connection<Folder>> {
    return this.services.folders.list(context.request, args);
  }

  @Mutation(() => FolderPayload, { nullable: true, description: 'Create a folder at your top level or in a folder you can see.' })
  folderCreate(@Arg('input', () => FolderCreateInput) input: FolderCreateInput, @Ctx() context: Context): Promise<FolderPayload> {
    return mutationPayload(async () => ({ folder: await this.services.folders.create(context.request, input) }));
  }

  @Mutation(() => FolderPayload, { nullable: true })
  folderRename(@Arg('input', () => FolderRenameInput) input: FolderRenameInput, @Ctx() context: Context): Promise<FolderPayload> {
    return mutationPayload(async () => ({ folder: await this.services.folders.rename(context.request, input) }));
  }

  @Mutation(() => FolderPayload, { nullable: true, description: 'Move a folder, with everything in it, into another folder or to the top level.' })
  folderMove(@Arg('input', () => FolderMoveInput) input: FolderMoveInput, @Ctx() context: Context): Promise<FolderPayload> {
    return mutationPayload(async () => ({ folder: await this.services.folders.move(context.request, input) }));
  }

  @Mutation(() => FolderDeletePayload, {
    nullable: true,
    description: 'Move a folder to the trash with the folders and files in it (one item in the trash; restoring it brings them back).',
  })
  folderDelete(@Arg('input', () => FolderDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedFolderId: await this.services.folders.delete(context.request, input) }));
  }

  @Mutation(() => FolderPayload, { nullable: true, description: 'Bring a folder back from the trash with what went there with it.' })
  folderRestore(@Arg('input', () => FolderRestoreInput) input: { id: string }, @Ctx() context: Context): Promise<FolderPayload> {
    return mutationPayload(async () => ({ folder: await this.services.folders.restore(context.request, input) }));
  }

  @FieldResolver(() => Folder, { nullable: true, description: 'The folder it is in; null at the top level.' })
  parent(@Root() folder: Folder, @Ctx() context: Context): Promise<Folder | null> {
    return visibleFolder(context, folder.parentId);
  }

  @FieldResolver(() => [Folder], { description: 'The folders it is in, from the top level down (the folder itself not included).' })
  ancestors(@Root() folder: Folder, @Ctx() context: Context): Promise<Folder[]> {
    return ancestorsOf(context, folder);
  }

  @FieldResolver(() => String, { description: 'Its path from the top level, e.g. /Projects/2026/Q3.' })
  async path(@Root() folder: Folder, @Ctx() context: Context): Promise<string> {
    return `/${[...(await ancestorsOf(context, folder)), folder].map((each) => each.name).join('/')}`;
  }

  @FieldResolver(() => FolderConnection, { name: 'folders', description: 'The folders in it, by name.' })
  children(@Root() folder: Folder, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: Context): Promise<Connection<Folder>> {
    return this.services.folders.children(context.request, folder, args);
  }

  @FieldResolver(() => UserRef, { description: 'Whom its tree belongs to: the creator of its top-level folder.' })
  owner(@Root() folder: Folder): UserRef {
    return UserRef.of(folder.ownerId);
  }

  @FieldResolver(() => UserRef, { description: 'Who created it.' })
  createdBy(@Root() folder: Folder): UserRef {
    return UserRef.of(folder.createdBy);
  }
}
