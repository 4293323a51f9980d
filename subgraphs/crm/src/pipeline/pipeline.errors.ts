import { userError } from '@cellgraph/kernel';
import { crmErrorTexts } from '../messages.js';

/** Every code the Pipeline aggregate (pipelines and their stages) answers. */
export const PipelineErrorCode = {
  InvalidInput: 'PIPELINE_INVALID_INPUT',
  NotFound: 'PIPELINE_NOT_FOUND',
  NotEmpty: 'PIPELINE_NOT_EMPTY',
  StageNotFound: 'PIPELINE_STAGE_NOT_FOUND',
  StageNotEmpty: 'PIPELINE_STAGE_NOT_EMPTY',
  LastStage: 'PIPELINE_LAST_STAGE',
} as const;

export const pipelineNotFound = (field: (string | number)[] = ['input', 'id']) => userError(PipelineErrorCode.NotFound, crmErrorTexts.pipelineNotFound, field);
export const stageNotFound = (field: (string | number)[] = ['input', 'id']) => userError(PipelineErrorCode.StageNotFound, crmErrorTexts.stageNotFound, field);
export const pipelineNotEmpty = () => userError(PipelineErrorCode.NotEmpty, crmErrorTexts.pipelineInUse, ['input', 'id']);
/** A stage holding deals cannot open or close (its deals would silently change). */
export const stageHoldsDeals = () => userError(PipelineErrorCode.StageNotEmpty, crmErrorTexts.stageHoldsDeals, ['input', 'closed']);
export const stageNotEmpty = () => userError(PipelineErrorCode.StageNotEmpty, crmErrorTexts.stageNotEmpty, ['input', 'id']);
export const lastStage = () => userError(PipelineErrorCode.LastStage, crmErrorTexts.lastStage, ['input', 'id']);
