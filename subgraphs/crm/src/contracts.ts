import { z } from 'zod';

/*
 * The CRM module's public contracts (`@cellgraph/crm/contracts`): the events it emits (type →
 * schema of `data`), the only part of crm other modules may import. Values are as consumers
 * receive them (JSON). Snapshots of tracked fields are records; the fields consumers read
 * (owners, stages) are typed.
 */

const id = z.string();
const empty = z.object({});
const fields = z.record(z.string(), z.unknown());
/** A change of tracked fields: which, and their values before and after. */
const fieldChange = z.object({ fields: z.array(z.string()), before: fields, after: fields });
const ownerChange = <K extends string>(key: K) =>
  z.object({
    before: z.object({ [key]: id.nullable() } as Record<K, z.ZodNullable<z.ZodString>>),
    after: z.object({ [key]: id.nullable() } as Record<K, z.ZodNullable<z.ZodString>>),
  });

/** Every contact event names the contact. */
const contactEvent = <T extends z.ZodRawShape>(shape: T) => z.object({ contactId: id, ...shape });
/** Every deal event names its contact and title. */
const dealEvent = <T extends z.ZodRawShape>(shape: T) => z.object({ contactId: id, title: z.string(), ...shape });
/** Every interaction event names its contact. */
const interactionEvent = contactEvent;

/** Where a deal stands in its pipeline (before and after `deal.moved`). */
const dealPlacement = z.object({ stageId: id, pipelineId: id, probability: z.number().nullable(), actualCloseDate: z.string().nullable() });

export const crmEvents = {
  'contact.created': contactEvent({ after: fields }),
  'contact.updated': contactEvent(fieldChange.shape),
  'contact.assigned': contactEvent(ownerChange('assignedTo').shape),
  'contact.converted': contactEvent({ before: z.object({ type: z.string() }), after: z.object({ type: z.string() }) }),
  'contact.merged': contactEvent({ duplicateId: id, movedDeals: z.number().int(), movedInteractions: z.number().int(), filled: z.array(z.string()) }),
  'contact.deleted': contactEvent({ title: z.string() }),
  'contact.restored': contactEvent({}),
  'contact.purged': empty,
  'contact_field.created': z.object({ key: z.string(), type: z.string() }),
  'contact_field.updated': z.object({ key: z.string(), changes: fields }),
  'contact_field.deleted': z.object({ key: z.string() }),
  'deal.created': dealEvent({ after: fields, stageId: id, pipelineId: id }),
  'deal.updated': dealEvent(fieldChange.shape),
  'deal.assigned': dealEvent(ownerChange('ownerId').shape),
  'deal.moved': dealEvent({ before: dealPlacement, after: dealPlacement }),
  'deal.won': dealEvent({ lostReason: z.string().nullable(), actualCloseDate: z.string().nullable() }),
  'deal.lost': dealEvent({ lostReason: z.string().nullable(), actualCloseDate: z.string().nullable() }),
  'deal.reopened': dealEvent({}),
  'deal.deleted': dealEvent({}),
  'deal.restored': dealEvent({}),
  'deal.purged': empty,
  'pipeline.created': z.object({ name: z.string(), type: z.string() }),
  'pipeline.updated': z.object({ before: z.object({ name: z.string() }), after: z.object({ name: z.string() }) }),
  'pipeline.deleted': z.object({ title: z.string() }),
  'pipeline.restored': empty,
  'pipeline.purged': empty,
  'pipeline.stage_added': z.object({ stageId: id, name: z.string() }),
  'pipeline.stage_updated': z.object({ stageId: id, changes: fields }),
  'pipeline.stage_moved': z.object({ stageId: id }),
  'pipeline.stage_deleted': z.object({ stageId: id, name: z.string() }),
  'interaction.logged': interactionEvent({ type: z.string(), direction: z.string().nullable(), subject: z.string().nullable(), dealId: id.nullable() }),
  'interaction.updated': interactionEvent({ fields: z.array(z.string()) }),
  'interaction.deleted': interactionEvent({ title: z.string() }),
  'interaction.restored': interactionEvent({}),
  'interaction.purged': empty,
} as const;

export type CrmEvents = typeof crmEvents;
