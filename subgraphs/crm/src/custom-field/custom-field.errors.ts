import { userError } from '@cellgraph/kernel';

/** Every code the ContactField aggregate (the organization's custom contact fields) answers. */
export const ContactFieldErrorCode = {
  InvalidInput: 'CONTACT_FIELD_INVALID_INPUT',
  NotFound: 'CONTACT_FIELD_NOT_FOUND',
  KeyTaken: 'CONTACT_FIELD_KEY_TAKEN',
  OptionInUse: 'CONTACT_FIELD_OPTION_IN_USE',
} as const;

export const fieldNotFound = () => userError(ContactFieldErrorCode.NotFound, 'No such contact field in your organization', ['input', 'id']);
export const keyTaken = () => userError(ContactFieldErrorCode.KeyTaken, 'Another contact field has this key', ['input', 'key']);
export const optionInUse = (contacts: number) =>
  userError(ContactFieldErrorCode.OptionInUse, `${contacts} contact(s) still use an option you removed`, ['input', 'options']);
