import type { Authorizer, Database, NodeTagProjection, SettingsReader } from '@cellgraph/kernel';
import type { ContactService } from './contact/contact.service.js';
import type { ContactFieldService } from './custom-field/custom-field.service.js';
import type { DealService } from './deal/deal.service.js';
import type { ForecastService } from './deal/forecast.js';
import type { InteractionService } from './interaction/interaction.service.js';
import type { PipelineService } from './pipeline/pipeline.service.js';

export interface CrmServices {
  db: Database;
  authz: Authorizer;
  contacts: ContactService;
  contactFields: ContactFieldService;
  pipelines: PipelineService;
  deals: DealService;
  forecasts: ForecastService;
  interactions: InteractionService;
  /** Collaboration's tags on contacts and deals, for `filter: { tags }`. */
  tagProjection: NodeTagProjection;
  /** The cell's settings (analytics read the caller's time zone). */
  settings: SettingsReader;
}
