import { toGlobalId, userError, UserInputError, text } from '@cellgraph/kernel';
import type { FieldProblem } from '../custom-field/custom-field-values.js';
import type { Contact } from './contact.entity.js';
import { crmErrorTexts } from '../messages.js';

/** Every code the Contact aggregate answers. */
export const ContactErrorCode = {
  InvalidInput: 'CONTACT_INVALID_INPUT',
  NotFound: 'CONTACT_NOT_FOUND',
  DuplicateEmail: 'CONTACT_DUPLICATE_EMAIL',
  NotALead: 'CONTACT_NOT_A_LEAD',
  Merged: 'CONTACT_MERGED',
  StageNotFound: 'CONTACT_STAGE_NOT_FOUND',
  AssigneeNotMember: 'CONTACT_ASSIGNEE_NOT_MEMBER',
  CustomFieldInvalid: 'CONTACT_CUSTOM_FIELD_INVALID',
} as const;

export const contactNotFound = (field: (string | number)[] = ['input', 'id']) => userError(ContactErrorCode.NotFound, crmErrorTexts.contactNotFound, field);

/** The address is another contact's: named in the message, carried in the payload as `duplicateContact`. */
export const duplicateEmail = (existing: Contact) =>
  new UserInputError(
    {
      code: ContactErrorCode.DuplicateEmail,
      field: ['input', 'email'],
      message: text(crmErrorTexts.duplicateEmail, { name: existing.name, id: existing.globalId }),
    },
    { duplicateContact: existing },
  );

export const notALead = () => userError(ContactErrorCode.NotALead, crmErrorTexts.notALead, ['input', 'id']);
export const contactMerged = (mergedIntoId: string) =>
  userError(ContactErrorCode.Merged, text(crmErrorTexts.merged, { id: toGlobalId('Contact', mergedIntoId) }), ['input', 'id']);
export const contactStageNotFound = () => userError(ContactErrorCode.StageNotFound, crmErrorTexts.contactStageNotFound, ['input', 'stageId']);
export const assigneeNotMember = () => userError(ContactErrorCode.AssigneeNotMember, crmErrorTexts.ownerNotMember, ['input', 'assignedToId']);

/** Custom field values that do not fit the organization's definitions, each at its path below the input. */
export const customFieldsInvalid = (problems: readonly FieldProblem[]) =>
  new UserInputError(problems.map((problem) => ({ code: ContactErrorCode.CustomFieldInvalid, field: ['input', ...problem.path], message: problem.message })));

export const batchSizeInvalid = (max: number) => userError(ContactErrorCode.InvalidInput, text(crmErrorTexts.batchSize, { max }), ['input', 'contacts']);
export const leaveLeadByConverting = () => userError(ContactErrorCode.InvalidInput, crmErrorTexts.leadBecomesClient, ['input', 'type']);
export const contactUnnamed = () => userError(ContactErrorCode.InvalidInput, crmErrorTexts.contactUnnamed, ['input', 'firstName']);
export const convertToLead = () => userError(ContactErrorCode.InvalidInput, crmErrorTexts.convertToLead, ['input', 'type']);
export const mergeIntoItself = () => userError(ContactErrorCode.InvalidInput, crmErrorTexts.mergeIntoItself, ['input', 'duplicateId']);
