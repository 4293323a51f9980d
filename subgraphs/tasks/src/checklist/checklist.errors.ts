import { userError } from '@cellgraph/kernel';
import { taskErrorTexts } from '../messages.js';

/** Every code the Checklist aggregate (checklists and their items) answers. */
export const ChecklistErrorCode = {
  InvalidInput: 'CHECKLIST_INVALID_INPUT',
  NotFound: 'CHECKLIST_NOT_FOUND',
  ItemNotFound: 'CHECKLIST_ITEM_NOT_FOUND',
} as const;

export const checklistNotFound = () => userError(ChecklistErrorCode.NotFound, taskErrorTexts.checklistNotFound, ['input', 'checklistId']);
export const itemNotFound = (field = 'id') => userError(ChecklistErrorCode.ItemNotFound, taskErrorTexts.checklistItemNotFound, ['input', field]);
