import { userError, UserInputError, type UserErrorData } from '@cellgraph/kernel';
import { collaborationErrorTexts } from '../messages.js';

export const TrashErrorCode = {
  ItemNotFound: 'TRASH_ITEM_NOT_FOUND',
  Forbidden: 'TRASH_FORBIDDEN',
} as const;

export const notInTrash = () => userError(TrashErrorCode.ItemNotFound, collaborationErrorTexts.notInTrash, ['input', 'id']);
/** The owning module refused the caller (its FORBIDDEN, with its message). */
export const trashForbidden = (message: string) => userError(TrashErrorCode.Forbidden, message, ['input', 'id']);
/** The owning module's own user errors (its codes and messages), at the trash mutation's `input.id`. */
export const ownerRefused = (errors: readonly UserErrorData[]) => new UserInputError(errors.map((error) => ({ ...error, field: ['input', 'id'] })));
