import {
  ConnectionArgs,
  ConnectionType,
  DateTimeComparator,
  DeletePayload,
  GraphQLDateTimeISO,
  IdempotencyKeyField,
  IdInput,
  NODE_CONNECTION_KEY,
  IDComparator,
  OrderDirection,
  StringComparator,
  UserError,
} from '@cellgraph/kernel';
import { ArgsType, Directive, Field, Float, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { File } from './file.entity.js';

@InputType()
export class FileUploadBeginInput {
  @Field({ description: 'The file name; path parts and control characters are removed, 1 to 255 characters.' })
  name!: string;

  @Field({ description: 'Its media type; must be one this cell accepts (FILE_TYPE_NOT_ALLOWED).' })
  contentType!: string;

  @Field(() => Float, { description: 'Exactly how many bytes will be uploaded (FILE_TOO_LARGE above the limit).' })
  size!: number;

  @Field(() => ID, { nullable: true, description: 'The object it attaches to: who can read that object can read the file.' })
  aboutId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The folder it goes into (one you can see: FOLDER_NOT_FOUND); absent: the top level.' })
  folderId?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'A header the upload must carry exactly (it is part of the signature).' })
export class HttpHeader {
  @Field()
  name!: string;

  @Field()
  value!: string;
}

@ObjectType({ description: 'Where to send the bytes: one HTTP PUT straight to the store, before `expiresAt`.' })
export class FileUpload {
  @Field(() => ID, { description: 'Pass it to fileUploadComplete once the PUT succeeded.' })
  id!: string;

  @Field()
  url!: string;

  @Field()
  method!: string;

  @Field(() => [HttpHeader])
  headers!: HttpHeader[];

  @Field(() => GraphQLDateTimeISO)
  expiresAt!: Date;
}

@ObjectType()
export class FileUploadBeginPayload {
  @Field(() => FileUpload, { nullable: true })
  upload?: FileUpload;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType()
export class FileUploadCompleteInput {
  @Field(() => ID)
  uploadId!: string;
}

@InputType()
export class FileRenameInput {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Sanitized like an upload name.' })
  name!: string;
}

@InputType()
export class FileMoveInput {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true, description: 'The folder to move it into (one you can see); null: the top level.' })
  folderId?: string | null;
}

export const FileDeleteInput = IdInput('FileDeleteInput');
export const FileRestoreInput = IdInput('FileRestoreInput');

@ObjectType()
export class FilePayload {
  @Field(() => File, { nullable: true })
  file?: File;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

export const FileDeletePayload = DeletePayload('FileDeletePayload', 'deletedFileId', 'Id of the file moved to the trash.');

@InputType({ description: 'Conditions on files; fields combine with AND.' })
export class FileFilter {
  @Field(() => IDComparator, { nullable: true }) id?: IDComparator | null;
  @Field(() => StringComparator, { nullable: true }) name?: StringComparator | null;
  @Field(() => StringComparator, { nullable: true }) contentType?: StringComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'The uploader (User ids).' }) uploadedBy?: IDComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) createdAt?: DateTimeComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'The folder (Folder ids); `isNull: true`: files at the top level.' })
  folderId?: IDComparator | null;
  @Field(() => [FileFilter], { nullable: true }) and?: FileFilter[] | null;
  @Field(() => [FileFilter], { nullable: true }) or?: FileFilter[] | null;
  @Field(() => FileFilter, { nullable: true }) not?: FileFilter | null;
}

export enum FileOrderField {
  CREATED_AT = 'createdAt',
  NAME = 'name',
  SIZE = 'size',
}
registerEnumType(FileOrderField, { name: 'FileOrderField' });

@InputType()
export class FileOrder {
  @Field(() => FileOrderField)
  field!: FileOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;
}

/** The arguments of every list of files: the page, `filter` and `orderBy`. */
@ArgsType()
export class FileListArgs extends ConnectionArgs {
  @Field(() => FileFilter, { nullable: true })
  filter?: FileFilter | null;

  @Field(() => [FileOrder], { nullable: true, description: 'Default: newest first.' })
  orderBy?: FileOrder[] | null;
}

@ArgsType()
export class FilesArgs extends FileListArgs {
  @Field(() => ID, { nullable: true, description: 'Only the files attached to this object (which you must be able to read).' })
  aboutId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only the files in this folder (one you can see) that you may read: all of them for owners and admins.',
  })
  folderId?: string | null;
}

/**
 * A page of files; also `Node.files` on every object of the cell (the node subgraph answers that
 * field with a reference keyed by `request`, which file-connection.reference.ts resolves).
 */
export const FileConnection = ConnectionType(File, 'File');
Directive(`@key(fields: "${NODE_CONNECTION_KEY}")`)(FileConnection);
Field(() => String)(FileConnection.prototype, NODE_CONNECTION_KEY);
Directive('@inaccessible')(FileConnection.prototype, NODE_CONNECTION_KEY);
