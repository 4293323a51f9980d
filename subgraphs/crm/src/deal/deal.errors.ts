import { currencyExponent, userError } from '@cellgraph/kernel';

/** Every code the Deal aggregate answers. */
export const DealErrorCode = {
  InvalidInput: 'DEAL_INVALID_INPUT',
  NotFound: 'DEAL_NOT_FOUND',
  StageNotFound: 'DEAL_STAGE_NOT_FOUND',
  PipelineNotFound: 'DEAL_PIPELINE_NOT_FOUND',
  OwnerNotMember: 'DEAL_OWNER_NOT_MEMBER',
} as const;

export const dealNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(DealErrorCode.NotFound, 'No deal with this id exists in your organization', field);
export const dealStageNotFound = () => userError(DealErrorCode.StageNotFound, 'No stage of a deal pipeline has this id', ['input', 'stageId']);
export const dealPipelineNotFound = () => userError(DealErrorCode.PipelineNotFound, 'No deal pipeline has this id', ['input', 'pipelineId']);
export const ownerNotMember = () => userError(DealErrorCode.OwnerNotMember, 'The owner must be a member of your organization', ['input', 'ownerId']);

export const negativeValue = () => userError(DealErrorCode.InvalidInput, 'A deal’s value cannot be negative', ['input', 'value']);
export const valueNotOfCurrency = (code: string) =>
  userError(DealErrorCode.InvalidInput, `${code} amounts have at most ${currencyExponent(code)} decimals and 15 digits before the point`, ['input', 'value']);
export const lostReasonNotLost = () => userError(DealErrorCode.InvalidInput, 'Only a lost deal has a lost reason', ['input', 'lostReason']);
export const lostReasonNeedsLostStage = () => userError(DealErrorCode.InvalidInput, 'A lost reason goes with a closed-lost stage', ['input', 'lostReason']);
export const stageNotInPipeline = () => userError(DealErrorCode.InvalidInput, 'The stage is not in this pipeline', ['input', 'stageId']);
export const invalidDate = (field: string) => userError(DealErrorCode.InvalidInput, 'Dates look like 2026-11-22', ['input', field]);
