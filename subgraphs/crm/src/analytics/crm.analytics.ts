import { analyticsResolver } from '@cellgraph/kernel';
import { ContactSource, ContactStatus, ContactType } from '../contact/contact.entity.js';
import { ContactFilter } from '../contact/contact.inputs.js';
import { DealStatus } from '../deal/deal.entity.js';
import { DealFilter } from '../deal/deal.inputs.js';
import { STATUS_SQL } from '../deal/deal.service.js';
import type { CrmServices } from '../services.js';

/** `contactAnalytics(filter:)`: e.g. new contacts per week (timeSeries on createdAt), contacts by type or source. */
export const ContactAnalyticsResolver = analyticsResolver<CrmServices, ContactFilter>({
  type: 'Contact',
  field: 'contactAnalytics',
  description: 'Counts, groups and time series (e.g. new contacts per week) of the contacts you can read; the filter is the one of `contacts`.',
  filter: ContactFilter,
  spec: {
    dimensions: {
      type: { path: 'contact.type', kind: 'enum', enum: ContactType },
      status: { path: 'contact.status', kind: 'enum', enum: ContactStatus },
      source: { path: 'contact.source', kind: 'enum', enum: ContactSource },
      stage: { path: 'contact.stageId', kind: 'id', idType: 'PipelineStage' },
      assignedTo: { path: 'contact.assignedTo', kind: 'id', idType: 'User' },
      company: { path: 'contact.company', kind: 'string' },
    },
    dates: { createdAt: 'contact.createdAt', updatedAt: 'contact.updatedAt' },
  },
  settings: (services) => services.settings,
  source: (services, request, filter) => services.contacts.analyticsSource(request, filter),
});

/**
 * `dealAnalytics(filter:)`: e.g. the forecast — open deals by stage with the sum of `amount` or of
 * `weightedAmount` (amount × the deal's probability). Amounts add up only within one currency:
 * group by `CURRENCY`, or filter on one.
 */
export const DealAnalyticsResolver = analyticsResolver<CrmServices, DealFilter>({
  type: 'Deal',
  field: 'dealAnalytics',
  description: 'Counts, groups, sums (e.g. the forecast by stage) and time series of the deals you can read; the filter is the one of `deals`.',
  filter: DealFilter,
  spec: {
    dimensions: {
      status: { path: STATUS_SQL, kind: 'enum', enum: DealStatus },
      stage: { path: 'deal.stageId', kind: 'id', idType: 'PipelineStage' },
      pipeline: { path: 'deal.pipelineId', kind: 'id', idType: 'Pipeline' },
      owner: { path: 'deal.ownerId', kind: 'id', idType: 'User' },
      contact: { path: 'deal.contactId', kind: 'id', idType: 'Contact' },
      currency: { path: 'deal.currency', kind: 'string' },
    },
    dates: {
      createdAt: 'deal.createdAt',
      expectedCloseDate: { path: 'deal.expectedCloseDate', calendarDate: true },
      closedAt: { path: 'deal.actualCloseDate', calendarDate: true },
    },
    measures: { amount: 'deal.amount', weightedAmount: 'deal.amount * deal.probability / 100' },
  },
  settings: (services) => services.settings,
  source: (services, request, filter) => services.deals.analyticsSource(request, filter),
});
