import { userError } from '@cellgraph/kernel';

/** Every code the Interaction aggregate answers (it is guarded through its contact: CONTACT_NOT_FOUND too). */
export const InteractionErrorCode = {
  InvalidInput: 'INTERACTION_INVALID_INPUT',
  NotFound: 'INTERACTION_NOT_FOUND',
  DealNotOfContact: 'INTERACTION_DEAL_NOT_OF_CONTACT',
} as const;

export const interactionNotFound = () => userError(InteractionErrorCode.NotFound, 'No interaction with this id exists in your organization', ['input', 'id']);
export const dealNotOfContact = () => userError(InteractionErrorCode.DealNotOfContact, 'The deal must be one of this contact’s', ['input', 'dealId']);
export const noteHasDirection = () => userError(InteractionErrorCode.InvalidInput, 'A note has no direction', ['input', 'direction']);
