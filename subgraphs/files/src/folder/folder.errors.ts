import { userError, text } from '@cellgraph/kernel';
import { fileErrorTexts } from '../messages.js';

/** Every code the folder aggregate answers with. */
export const FolderErrorCode = {
  InvalidInput: 'FOLDER_INVALID_INPUT',
  NotFound: 'FOLDER_NOT_FOUND',
  NameTaken: 'FOLDER_NAME_TAKEN',
  Cycle: 'FOLDER_CYCLE',
} as const;

export const folderNotFound = (field: (string | number)[] = ['input', 'id']) => userError(FolderErrorCode.NotFound, fileErrorTexts.folderNotFound, field);

export const folderNameTaken = (name: string, field: (string | number)[] = ['input', 'name']) =>
  userError(FolderErrorCode.NameTaken, text(fileErrorTexts.folderNameTaken, { name }), field);

export const folderCycle = () => userError(FolderErrorCode.Cycle, fileErrorTexts.folderCycle, ['input', 'parentId']);
