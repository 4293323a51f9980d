import { userError, text } from '@cellgraph/kernel';
import { crmErrorTexts } from '../messages.js';

/** Every code the ContactField aggregate (the organization's custom contact fields) answers. */
export const ContactFieldErrorCode = {
  InvalidInput: 'CONTACT_FIELD_INVALID_INPUT',
  NotFound: 'CONTACT_FIELD_NOT_FOUND',
  KeyTaken: 'CONTACT_FIELD_KEY_TAKEN',
  OptionInUse: 'CONTACT_FIELD_OPTION_IN_USE',
} as const;

export const fieldNotFound = () => userError(ContactFieldErrorCode.NotFound, crmErrorTexts.contactFieldNotFound, ['input', 'id']);
export const keyTaken = () => userError(ContactFieldErrorCode.KeyTaken, crmErrorTexts.contactFieldKeyTaken, ['input', 'key']);
export const optionInUse = (contacts: number) =>
  userError(ContactFieldErrorCode.OptionInUse, text(crmErrorTexts.optionInUse, { contacts }), ['input', 'options']);
