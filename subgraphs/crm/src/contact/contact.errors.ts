import { toGlobalId, userError, UserInputError } from '@cellgraph/kernel';
import type { FieldProblem } from '../custom-field/custom-field-values.js';
import type { Contact } from './contact.entity.js';

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

export const contactNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(ContactErrorCode.NotFound, 'No contact with this id exists in your organization', field);

/** The address is another contact's: named in the message, carried in the payload as `duplicateContact`. */
export const duplicateEmail = (existing: Contact) =>
  new UserInputError(
    {
      code: ContactErrorCode.DuplicateEmail,
      field: ['input', 'email'],
      message: `${existing.name} (${existing.globalId}) already has this e-mail address; update or merge that contact instead`,
    },
    { duplicateContact: existing },
  );

export const notALead = () => userError(ContactErrorCode.NotALead, 'Only a lead can be converted', ['input', 'id']);
export const contactMerged = (mergedIntoId: string) =>
  userError(ContactErrorCode.Merged, `This contact was merged into ${toGlobalId('Contact', mergedIntoId)}`, ['input', 'id']);
export const contactStageNotFound = () =>
  userError(ContactErrorCode.StageNotFound, 'No stage of a lead or onboarding pipeline has this id', ['input', 'stageId']);
export const assigneeNotMember = () =>
  userError(ContactErrorCode.AssigneeNotMember, 'The owner must be a member of your organization', ['input', 'assignedToId']);

/** Custom field values that do not fit the organization's definitions, each at its path below the input. */
export const customFieldsInvalid = (problems: readonly FieldProblem[]) =>
  new UserInputError(problems.map((problem) => ({ code: ContactErrorCode.CustomFieldInvalid, field: ['input', ...problem.path], message: problem.message })));

export const batchSizeInvalid = (max: number) => userError(ContactErrorCode.InvalidInput, `Send 1 to ${max} contacts at a time`, ['input', 'contacts']);
export const leaveLeadByConverting = () =>
  userError(ContactErrorCode.InvalidInput, 'A lead becomes a client (or another type) with contactConvert', ['input', 'type']);
export const contactUnnamed = () => userError(ContactErrorCode.InvalidInput, 'A contact needs a name, a company or an e-mail', ['input', 'firstName']);
export const convertToLead = () => userError(ContactErrorCode.InvalidInput, 'A lead converts to CLIENT, VENDOR or PARTNER', ['input', 'type']);
export const mergeIntoItself = () => userError(ContactErrorCode.InvalidInput, 'A contact cannot be merged into itself', ['input', 'duplicateId']);
