import { userError } from '@cellgraph/kernel';
import { crmErrorTexts } from '../messages.js';

/** Every code the Interaction aggregate answers (it is guarded through its contact: CONTACT_NOT_FOUND too). */
export const InteractionErrorCode = {
  InvalidInput: 'INTERACTION_INVALID_INPUT',
  NotFound: 'INTERACTION_NOT_FOUND',
  DealNotOfContact: 'INTERACTION_DEAL_NOT_OF_CONTACT',
} as const;

export const interactionNotFound = () => userError(InteractionErrorCode.NotFound, crmErrorTexts.interactionNotFound, ['input', 'id']);
export const dealNotOfContact = () => userError(InteractionErrorCode.DealNotOfContact, crmErrorTexts.interactionDealNotOfContact, ['input', 'dealId']);
export const noteHasDirection = () => userError(InteractionErrorCode.InvalidInput, crmErrorTexts.noteHasNoDirection, ['input', 'direction']);
