import { currencyExponent, userError, text } from '@cellgraph/kernel';
import { crmErrorTexts } from '../messages.js';

/** Every code the Deal aggregate answers. */
export const DealErrorCode = {
  InvalidInput: 'DEAL_INVALID_INPUT',
  NotFound: 'DEAL_NOT_FOUND',
  StageNotFound: 'DEAL_STAGE_NOT_FOUND',
  PipelineNotFound: 'DEAL_PIPELINE_NOT_FOUND',
  OwnerNotMember: 'DEAL_OWNER_NOT_MEMBER',
} as const;

export const dealNotFound = (field: (string | number)[] = ['input', 'id']) => userError(DealErrorCode.NotFound, crmErrorTexts.dealNotFound, field);
export const dealStageNotFound = () => userError(DealErrorCode.StageNotFound, crmErrorTexts.dealStageNotFound, ['input', 'stageId']);
export const dealPipelineNotFound = () => userError(DealErrorCode.PipelineNotFound, crmErrorTexts.dealPipelineNotFound, ['input', 'pipelineId']);
export const ownerNotMember = () => userError(DealErrorCode.OwnerNotMember, crmErrorTexts.ownerNotMember, ['input', 'ownerId']);

export const negativeValue = () => userError(DealErrorCode.InvalidInput, crmErrorTexts.negativeValue, ['input', 'value']);
export const valueNotOfCurrency = (code: string) =>
  userError(DealErrorCode.InvalidInput, text(crmErrorTexts.amountPrecision, { code, decimals: currencyExponent(code) }), ['input', 'value']);
export const lostReasonNotLost = () => userError(DealErrorCode.InvalidInput, crmErrorTexts.lostReasonNotLost, ['input', 'lostReason']);
export const lostReasonNeedsLostStage = () => userError(DealErrorCode.InvalidInput, crmErrorTexts.lostReasonNeedsLostStage, ['input', 'lostReason']);
export const stageNotInPipeline = () => userError(DealErrorCode.InvalidInput, crmErrorTexts.stageNotInPipeline, ['input', 'stageId']);
export const invalidDate = (field: string) => userError(DealErrorCode.InvalidInput, crmErrorTexts.invalidDate, ['input', field]);
