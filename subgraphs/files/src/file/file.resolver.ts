import { fromGlobalId, mutationPayload, requireOrgId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { FilesServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { File } from './file.entity.js';
import {
  FileConnection,
  FileDeleteInput,
  FileDeletePayload,
  FileMoveInput,
  FilePayload,
  FileRenameInput,
  FileRestoreInput,
  FilesArgs,
  FileUploadBeginInput,
  FileUploadBeginPayload,
  FileUploadCompleteInput,
} from './file.inputs.js';
import { loadFile } from './file.loaders.js';
import { DOWNLOAD_URL_MAX_TTL_SECONDS } from './file.service.js';
import { Folder } from '../folder/folder.entity.js';
import { visibleFolder } from '../folder/folder.loaders.js';

type Context = SubgraphContext<FilesServices>;

@Resolver(() => File)
export class FileResolver {
  constructor(private readonly services: FilesServices) {}

  @Query(() => File, { nullable: true, description: 'A file you may read, or null.' })
  file(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<File | null> {
    requireOrgId(context.request);
    return loadFile(context, fromGlobalId('File', id));
  }

  @Query(() => FileConnection, {
    nullable: true,
    description: 'The files attached to `aboutId`, or in `folderId`, or your uploads (all files for owners and admins).',
  })
  async files(@Args(() => FilesArgs) args: FilesArgs, @Ctx() context: Context): Promise<Connection<File> & { request: string }> {
    // `request` keys Node.files' references; a root list has none.
    return Object.assign(await this.services.files.list(context.request, args), { request: '' });
  }

  @Mutation(() => FileUploadBeginPayload, {
    nullable: true,
    description: 'Reserve storage and get a presigned PUT for the bytes; then call fileUploadComplete.',
  })
  fileUploadBegin(@Arg('input', () => FileUploadBeginInput) input: FileUploadBeginInput, @Ctx() context: Context): Promise<FileUploadBeginPayload> {
    return mutationPayload(async () => {
      const upload = await this.services.files.beginUpload(context.request, input);
      return { upload: { ...upload, headers: Object.entries(upload.headers).map(([name, value]) => ({ name, value })) } };
    });
  }

  @Mutation(() => FilePayload, { nullable: true, description: 'Check what the store received and make it a File.' })
  fileUploadComplete(@Arg('input', () => FileUploadCompleteInput) input: FileUploadCompleteInput, @Ctx() context: Context): Promise<FilePayload> {
    return mutationPayload(async () => ({ file: await this.services.files.completeUpload(context.request, input) }));
  }

  @Mutation(() => FilePayload, { nullable: true })
  fileRename(@Arg('input', () => FileRenameInput) input: FileRenameInput, @Ctx() context: Context): Promise<FilePayload> {
    return mutationPayload(async () => ({ file: await this.services.files.rename(context.request, input) }));
  }

  @Mutation(() => FilePayload, { nullable: true, description: 'Move a file into a folder you can see, or to the top level (folderId null).' })
  fileMove(@Arg('input', () => FileMoveInput) input: FileMoveInput, @Ctx() context: Context): Promise<FilePayload> {
    return mutationPayload(async () => ({ file: await this.services.files.move(context.request, input) }));
  }

  @Mutation(() => FileDeletePayload, { nullable: true, description: 'Move a file to the trash (it can be restored).' })
  fileDelete(@Arg('input', () => FileDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedFileId: await this.services.files.delete(context.request, input) }));
  }

  @Mutation(() => FilePayload, { nullable: true, description: 'Bring a file back from the trash.' })
  fileRestore(@Arg('input', () => FileRestoreInput) input: { id: string }, @Ctx() context: Context): Promise<FilePayload> {
    return mutationPayload(async () => ({ file: await this.services.files.restore(context.request, input) }));
  }

  @FieldResolver(() => String, { description: 'A short-lived presigned URL that downloads the file under its name (Content-Disposition: attachment).' })
  async downloadUrl(
    @Root() file: File,
    @Arg('expiresInSeconds', () => Int, {
      nullable: true,
      description: `How long the URL works, 1 to ${DOWNLOAD_URL_MAX_TTL_SECONDS} seconds (more is capped); default FILE_DOWNLOAD_URL_TTL_SECONDS (5 minutes).`,
    })
    expiresInSeconds: number | null,
  ): Promise<string> {
    return (await this.services.files.downloadUrl(file, expiresInSeconds)).url;
  }

  @FieldResolver(() => Folder, {
    nullable: true,
    description: 'The folder it is in: null at the top level, and for a folder you cannot see (a file you read through the object it is attached to).',
  })
  folder(@Root() file: File, @Ctx() context: Context): Promise<Folder | null> {
    return visibleFolder(context, file.folderId);
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who uploaded it.' })
  uploadedBy(@Root() file: File): UserRef {
    return UserRef.of(file.uploadedBy);
  }
}
