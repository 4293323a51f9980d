import { userError } from '@cellgraph/kernel';

/** Every code the Pipeline aggregate (pipelines and their stages) answers. */
export const PipelineErrorCode = {
  InvalidInput: 'PIPELINE_INVALID_INPUT',
  NotFound: 'PIPELINE_NOT_FOUND',
  NotEmpty: 'PIPELINE_NOT_EMPTY',
  StageNotFound: 'PIPELINE_STAGE_NOT_FOUND',
  StageNotEmpty: 'PIPELINE_STAGE_NOT_EMPTY',
  LastStage: 'PIPELINE_LAST_STAGE',
} as const;

export const pipelineNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(PipelineErrorCode.NotFound, 'No such pipeline in your organization', field);
export const stageNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(PipelineErrorCode.StageNotFound, 'No such pipeline stage in your organization', field);
export const pipelineNotEmpty = () => userError(PipelineErrorCode.NotEmpty, 'Move or delete the pipeline’s deals and contacts first', ['input', 'id']);
/** A stage holding deals cannot open or close (its deals would silently change). */
export const stageHoldsDeals = () =>
  userError(PipelineErrorCode.StageNotEmpty, 'A stage holding deals cannot open or close; move its deals first', ['input', 'closed']);
export const stageNotEmpty = () => userError(PipelineErrorCode.StageNotEmpty, 'Move the stage’s deals and contacts out before deleting it', ['input', 'id']);
export const lastStage = () => userError(PipelineErrorCode.LastStage, 'A pipeline keeps at least one stage', ['input', 'id']);
