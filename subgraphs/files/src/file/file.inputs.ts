import {
  ConnectionArgs,
  ConnectionType,
  DateTimeComparator,
  DeletePayload,
  IdempotencyKeyField,
  IdInput,
  IDComparator,
  OrderDirection,
  StringComparator,
  UserError,
} from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { File } from './file.entity.js';

@InputType()
export class FileCreateInput {
  @Field({ description: '1 to 200 characters.' })
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType({ description: 'Fields left out are unchanged; fields set to null are cleared.' })
export class FileUpdateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
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
  @Field(() => IDComparator, { nullable: true, description: 'The creator (User ids).' }) createdBy?: IDComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) createdAt?: DateTimeComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) updatedAt?: DateTimeComparator | null;
  @Field(() => [FileFilter], { nullable: true }) and?: FileFilter[] | null;
  @Field(() => [FileFilter], { nullable: true }) or?: FileFilter[] | null;
  @Field(() => FileFilter, { nullable: true }) not?: FileFilter | null;
}

export enum FileOrderField {
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
  NAME = 'name',
}
registerEnumType(FileOrderField, { name: 'FileOrderField' });

@InputType()
export class FileOrder {
  @Field(() => FileOrderField)
  field!: FileOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;
}

@ArgsType()
export class FilesArgs extends ConnectionArgs {
  @Field(() => FileFilter, { nullable: true })
  filter?: FileFilter | null;

  @Field(() => [FileOrder], { nullable: true, description: 'Default: newest first.' })
  orderBy?: FileOrder[] | null;
}

export const FileConnection = ConnectionType(File, 'File');
