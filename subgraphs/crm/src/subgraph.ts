import { ContactAnalyticsResolver, DealAnalyticsResolver } from './analytics/crm.analytics.js';
import { collaborationEvents, NODE_TAG_EVENTS } from '@cellgraph/collaboration/contracts';
import { defineSubgraph, NodeTagProjection, referenceAsIs, typedEventHandlers, deletionEvents } from '@cellgraph/kernel';
import { crmEvents } from './contracts.js';
import { Contact } from './contact/contact.entity.js';
import { resolveContactReference } from './contact/contact.reference.js';
import { ContactResolver } from './contact/contact.resolver.js';
import { ContactService } from './contact/contact.service.js';
import { ContactField } from './custom-field/custom-field.entity.js';
import { ContactFieldResolver } from './custom-field/custom-field.resolver.js';
import { ContactFieldService } from './custom-field/custom-field.service.js';
import { Deal } from './deal/deal.entity.js';
import { resolveDealReference } from './deal/deal.reference.js';
import { DealResolver, StageForecastResolver } from './deal/deal.resolver.js';
import { DealService } from './deal/deal.service.js';
import { ForecastService } from './deal/forecast.js';
import { Interaction } from './interaction/interaction.entity.js';
import { InteractionResolver } from './interaction/interaction.resolver.js';
import { InteractionService } from './interaction/interaction.service.js';
import { migrations } from './migrations/index.js';
import { Pipeline, PipelineStage } from './pipeline/pipeline.entities.js';
import { resolvePipelineReference } from './pipeline/pipeline.reference.js';
import { PipelineResolver, PipelineStageResolver } from './pipeline/pipeline.resolver.js';
import { PipelineService } from './pipeline/pipeline.service.js';
import type { CrmServices } from './services.js';
import { ContactActivityResolver } from './timeline/timeline.resolver.js';
import { contactTrash, dealTrash, interactionTrash, pipelineTrash } from './trash.js';
import { UserCrmResolver } from './user/user-crm.resolver.js';
import { ContactLiveResolver } from './contact/contact.live.js';
import { crmImporters } from './importers.js';

export const crmSubgraph = defineSubgraph<CrmServices>({
  name: 'crm',
  description: 'CRM: contacts (leads, clients, vendors, partners) with custom fields, pipelines and deals, forecast, interactions and timeline.',
  scope: 'crm',
  scopeDescription: 'contacts, custom contact fields, pipelines, deals and interactions',
  nodeTypes: ['Contact', 'Deal', 'Pipeline'],
  // Found by the cell's search (the kernel writes their documents from these events).
  searchable: [
    {
      type: 'Contact',
      table: 'contacts',
      title: "coalesce(nullif(concat_ws(' ', first_name, last_name), ''), company, email)",
      body: ['company', 'job_title', 'email', 'phone'],
      events: ['contact.*'],
    },
    { type: 'Deal', table: 'deals', title: 'title', body: ['lost_reason'], events: ['deal.*'] },
  ],
  trash: [contactTrash, dealTrash, pipelineTrash, interactionTrash],
  // Imported from spreadsheets by the imports module (when the cell has it).
  importers: crmImporters,
  dependsOn: ['identity'],
  migrations,
  entities: [Contact, ContactField, Pipeline, PipelineStage, Deal, Interaction],
  liveEvents: { contactChanged: ['contact.*', 'deal.*', 'interaction.*'] },
  resolvers: [
    ContactResolver,
    ContactAnalyticsResolver,
    DealAnalyticsResolver,
    ContactLiveResolver,
    ContactFieldResolver,
    PipelineResolver,
    PipelineStageResolver,
    DealResolver,
    StageForecastResolver,
    InteractionResolver,
    ContactActivityResolver,
    UserCrmResolver,
  ],
  references: {
    Contact: resolveContactReference,
    Deal: resolveDealReference,
    Pipeline: resolvePipelineReference,
    User: referenceAsIs,
  },
  emits: crmEvents,
  audited: deletionEvents(crmEvents),
  createServices({ db, authz, settings }) {
    const contactFields = new ContactFieldService(db, authz);
    const contacts = new ContactService(db, authz, contactFields);
    const deals = new DealService(db, authz, contacts);
    return {
      db,
      authz,
      contacts,
      contactFields,
      pipelines: new PipelineService(db, authz),
      deals,
      forecasts: new ForecastService(db, deals.access),
      interactions: new InteractionService(db, contacts),
      tagProjection: new NodeTagProjection(db, 'crm', ['Contact', 'Deal']),
      settings,
    };
  },
  consumes: NODE_TAG_EVENTS,
  eventHandlers: ({ tagProjection }) =>
    typedEventHandlers(collaborationEvents, {
      'entity.tagged': (event) => tagProjection.set(event, true),
      'entity.untagged': (event) => tagProjection.set(event, false),
      'tag.deleted': (event) => tagProjection.forgetTag(event),
    }),
});
