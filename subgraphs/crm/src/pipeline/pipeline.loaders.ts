import { groupToKeys, type LoaderRegistry, type RequestContext } from '@cellgraph/kernel';
import type { CrmServices } from '../services.js';
import type { Pipeline, PipelineStage } from './pipeline.entities.js';

export const pipelineById = ({ pipelines }: CrmServices, loaders: LoaderRegistry, request: RequestContext) =>
  loaders.get<string, Pipeline | null>('crm.pipelineById', (ids) => pipelines.byIds(request, ids));

export const stageById = ({ pipelines }: CrmServices, loaders: LoaderRegistry, request: RequestContext) =>
  loaders.get<string, PipelineStage | null>('crm.stageById', (ids) => pipelines.stagesByIds(request, ids));

export const stagesOf = ({ pipelines }: CrmServices, loaders: LoaderRegistry, request: RequestContext) =>
  loaders.get('crm.stagesOf', async (pipelineIds: readonly string[]) =>
    groupToKeys(pipelineIds, await pipelines.stagesOf(request, pipelineIds), (stage) => stage.pipelineId),
  );
