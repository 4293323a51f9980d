import { userError } from '@cellgraph/kernel';

/** Every code the folder aggregate answers with. */
export const FolderErrorCode = {
  InvalidInput: 'FOLDER_INVALID_INPUT',
  NotFound: 'FOLDER_NOT_FOUND',
  NameTaken: 'FOLDER_NAME_TAKEN',
  Cycle: 'FOLDER_CYCLE',
} as const;

export const folderNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(FolderErrorCode.NotFound, 'No folder with this id exists that you can see', field);

export const folderNameTaken = (name: string, field: (string | number)[] = ['input', 'name']) =>
  userError(FolderErrorCode.NameTaken, `A folder named “${name}” is already there`, field);

export const folderCycle = () => userError(FolderErrorCode.Cycle, 'A folder cannot be moved into itself or into a folder inside it', ['input', 'parentId']);
