import { ConnectionArgs, ConnectionType, DeletePayload, IdInput, UserError } from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { Folder } from './folder.entity.js';

@InputType()
export class FolderCreateInput {
  @Field({ description: 'Sanitized like a file name; unique among the folders of the parent, whatever the case (FOLDER_NAME_TAKEN).' })
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The folder to create it in (one you can see); null or absent: your top level.' })
  parentId?: string | null;
}

@InputType()
export class FolderRenameInput {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Sanitized like a file name; unique among the folders of the parent (FOLDER_NAME_TAKEN).' })
  name!: string;
}

@InputType()
export class FolderMoveInput {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true, description: 'The new parent (not the folder itself nor one inside it: FOLDER_CYCLE); null: the top level.' })
  parentId?: string | null;
}

export const FolderDeleteInput = IdInput('FolderDeleteInput');
export const FolderRestoreInput = IdInput('FolderRestoreInput');

@ObjectType()
export class FolderPayload {
  @Field(() => Folder, { nullable: true })
  folder?: Folder;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

export const FolderDeletePayload = DeletePayload(
  'FolderDeletePayload',
  'deletedFolderId',
  'Id of the folder moved to the trash (with the folders and files in it).',
);

export const FolderConnection = ConnectionType(Folder, 'Folder');

@ArgsType()
export class FoldersArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true, description: 'The folders in this folder (one you can see); absent: the top-level folders of `ownerId`.' })
  parentId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Without parentId: whose top-level folders (a User id; default you; another user’s for owners and admins only).',
  })
  ownerId?: string | null;
}
