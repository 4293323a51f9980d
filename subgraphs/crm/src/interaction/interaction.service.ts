import {
  alignToKeys,
  filterToSql,
  fromGlobalId,
  globalIdOf,
  idempotent,
  OrderDirection,
  paginateGroups,
  requireOrgId,
  requireUserId,
  uuidv7,
  validateInput,
  type Connection,
  type Database,
  type FilterSpec,
  type RequestContext,
  type SortKey,
  zodMessage,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import type { ContactService } from '../contact/contact.service.js';
import { Deal } from '../deal/deal.entity.js';
import { Interaction, InteractionDirection, InteractionType } from './interaction.entity.js';
import { dealNotOfContact, InteractionErrorCode, interactionNotFound, noteHasDirection } from './interaction.errors.js';
import type { InteractionLogInput, InteractionsArgs, InteractionUpdateInput } from './interaction.inputs.js';
import { crmErrorTexts } from '../messages.js';

const filterSpec: FilterSpec = {
  type: { path: 'interaction.type', kind: 'enum' },
  direction: { path: 'interaction.direction', kind: 'enum' },
  deal: { path: 'interaction.dealId', kind: 'id', idType: 'Deal' },
  loggedBy: { path: 'interaction.loggedBy', kind: 'id', idType: 'User' },
  occurredAt: { path: 'interaction.occurredAt', kind: 'datetime' },
};
const latestFirst: SortKey[] = [
  { name: 'occurredAt', path: 'interaction.occurredAt', sqlType: 'timestamptz', direction: OrderDirection.DESC },
  { name: 'id', path: 'interaction.id', sqlType: 'uuid', direction: OrderDirection.DESC },
];

const fields = {
  dealId: globalIdOf('Deal').nullish(),
  type: z.enum(InteractionType),
  direction: z.enum(InteractionDirection).nullish(),
  subject: z.string().trim().max(500, zodMessage(crmErrorTexts.subjectTooLong)).nullish(),
  body: z.string().max(100_000, zodMessage(crmErrorTexts.bodyTooLong)).nullish(),
  durationSeconds: z
    .number()
    .int()
    .min(0, zodMessage(crmErrorTexts.durationNegative))
    .max(7 * 24 * 3600)
    .nullish(),
  occurredAt: z.date().nullish(),
  metadata: z
    .record(z.string(), z.unknown())
    .refine((value) => JSON.stringify(value).length <= 16_384, zodMessage(crmErrorTexts.metadataTooLarge))
    .nullish(),
};
const noteHasNoDirection = (v: { type?: InteractionType | null; direction?: InteractionDirection | null }) => !(v.type === InteractionType.NOTE && v.direction);
const logInput = z
  .object({ ...fields, contactId: globalIdOf('Contact') })
  .refine(noteHasNoDirection, { message: zodMessage(crmErrorTexts.noteHasNoDirection), path: ['direction'] });
const updateInput = z.object({ ...fields, type: fields.type.nullish(), id: globalIdOf('Interaction') });

/**
 * Interactions with contacts. Whoever may change a contact logs and edits its interactions;
 * whoever may read it reads them. Events carry `contactId` (the contact's timeline).
 */
export class InteractionService {
  constructor(
    private readonly db: Database,
    private readonly contacts: ContactService,
  ) {}

  async log(request: RequestContext, input: InteractionLogInput): Promise<Interaction> {
    const orgId = requireOrgId(request);
    const loggedBy = requireUserId(request);
    const valid = validateInput(logInput, input, InteractionErrorCode.InvalidInput);
    await this.contacts.access.requireExisting(request, 'write', valid.contactId, ['input', 'contactId']);
    return this.db.transaction(request, (em) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'interactionLog',
        input: valid,
        load: (id) => em.findOneBy(Interaction, { id }),
        create: async () => {
          if (valid.dealId) await this.requireDealOf(em, valid.dealId, valid.contactId);
          const interaction = em.create(Interaction, {
            id: uuidv7(),
            orgId,
            contactId: valid.contactId,
            dealId: valid.dealId ?? null,
            type: valid.type,
            direction: valid.direction ?? null,
            subject: valid.subject || null,
            body: valid.body || null,
            durationSeconds: valid.durationSeconds ?? null,
            occurredAt: valid.occurredAt ?? new Date(),
            loggedBy,
            metadata: valid.metadata ?? {},
          });
          await em.save(interaction);
          const saved = await em.findOneByOrFail(Interaction, { id: interaction.id });
          await this.emit(em, saved, 'interaction.logged', { type: saved.type, direction: saved.direction, subject: saved.subject, dealId: saved.dealId });
          return saved;
        },
      }),
    );
  }

  async update(request: RequestContext, input: InteractionUpdateInput): Promise<Interaction> {
    const { id, ...changes } = validateInput(updateInput, input, InteractionErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const interaction = await em.findOne(Interaction, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!interaction) throw interactionNotFound();
      await this.contacts.access.requireExisting(request, 'write', interaction.contactId, undefined, em);
      if (changes.dealId) await this.requireDealOf(em, changes.dealId, interaction.contactId);
      const changed: string[] = [];
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined || (value === null && (key === 'type' || key === 'occurredAt'))) continue;
        Object.assign(interaction, { [key]: key === 'metadata' ? (value ?? {}) : value });
        changed.push(key);
      }
      if (!noteHasNoDirection(interaction)) throw noteHasDirection();
      const saved = await em.save(interaction);
      await this.emit(em, saved, 'interaction.updated', { fields: changed });
      return saved;
    });
  }

  async delete(request: RequestContext, idInput: string): Promise<string> {
    const id = fromGlobalId('Interaction', idInput);
    await this.db.transaction(request, async (em) => {
      const interaction = await em.findOneBy(Interaction, { id });
      if (!interaction) throw interactionNotFound();
      await this.contacts.access.requireExisting(request, 'write', interaction.contactId, undefined, em);
      await em.softDelete(Interaction, { id });
      await this.emit(em, interaction, 'interaction.deleted', { title: interaction.subject ?? interaction.type });
    });
    return idInput;
  }

  async restore(request: RequestContext, idInput: string): Promise<Interaction> {
    const id = fromGlobalId('Interaction', idInput);
    return this.db.transaction(request, async (em) => {
      const interaction = await em.findOne(Interaction, { where: { id }, withDeleted: true });
      if (!interaction?.deletedAt) throw interactionNotFound();
      await this.contacts.access.requireExisting(request, 'write', interaction.contactId, undefined, em);
      interaction.deletedAt = null;
      const restored = await em.save(interaction);
      await this.emit(em, restored, 'interaction.restored', {});
      return restored;
    });
  }

  /** One page of interactions per contact or deal (latest first), in a constant number of statements. */
  listGrouped(
    request: RequestContext,
    groupPath: 'interaction.contactId' | 'interaction.dealId',
    groups: readonly string[],
    args: InteractionsArgs,
  ): Promise<Connection<Interaction>[]> {
    return paginateGroups(
      {
        db: this.db,
        scope: request,
        entity: Interaction,
        build: (em) => {
          const query = em.createQueryBuilder(Interaction, 'interaction');
          const condition = filterToSql(args.filter as Record<string, unknown> | null | undefined, filterSpec);
          if (condition) query.andWhere(condition.sql, condition.params);
          return query;
        },
        alias: 'interaction',
        groupPath,
        idProperty: 'id',
        sort: latestFirst,
        args,
      },
      groups,
    );
  }

  /** When each contact was last in touch (its latest interaction), null if never. */
  async lastInteractionAt(request: RequestContext, contactIds: readonly string[]): Promise<(Date | null)[]> {
    const rows: { contact_id: string; last: Date }[] = await this.db.transaction(request, (em) =>
      em.query('SELECT contact_id, max(occurred_at) AS last FROM crm.interactions WHERE contact_id = ANY($1) AND deleted_at IS NULL GROUP BY contact_id', [
        [...contactIds],
      ]),
    );
    return alignToKeys(contactIds, rows, (row) => row.contact_id).map((row) => row?.last ?? null);
  }

  private async requireDealOf(em: EntityManager, dealId: string, contactId: string): Promise<void> {
    if (!(await em.existsBy(Deal, { id: dealId, contactId }))) throw dealNotOfContact();
  }

  private emit(em: EntityManager, interaction: Interaction, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, {
      type,
      orgId: interaction.orgId,
      subject: { type: 'Interaction', id: interaction.id },
      data: { contactId: interaction.contactId, ...data },
    });
  }
}
