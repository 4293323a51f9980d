import { referenceThroughLoader } from '@cellgraph/kernel';
import type { CrmServices } from '../services.js';
import { pipelineById } from './pipeline.loaders.js';

/** `__resolveReference` of Pipeline: through the request's loader (null when the caller may not read pipelines). */
export const resolvePipelineReference = referenceThroughLoader<CrmServices, unknown>('Pipeline', (context) =>
  pipelineById(context.services, context.loaders, context.request),
);
