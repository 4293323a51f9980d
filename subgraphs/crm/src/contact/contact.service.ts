import {
  AggregateAccess,
  escapeLike,
  filterToSql,
  filterUses,
  fromGlobalId,
  globalIdOf,
  idempotent,
  isUniqueViolation,
  OrderDirection,
  paginate,
  paginateGroups,
  principalOrgId,
  requireOrgId,
  requireUserId,
  sortKeysFor,
  tagFilterField,
  toGlobalId,
  TrackedFields,
  UserInputError,
  uuidv7,
  validateInput,
  type Authorizer,
  type Connection,
  type ConnectionArgs,
  type Database,
  type FilterSpec,
  type OrderField,
  type PublishedEvent,
  type RequestContext,
  type SnapshotOf,
  type UserErrorData,
  type AnalyticsSource,
  type Message,
  zodMessage,
} from '@cellgraph/kernel';
import { In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';
import { customFieldFilter } from '../custom-field/custom-field-filter.js';
import { customFieldProblems, mergeCustomFields } from '../custom-field/custom-field-values.js';
import type { ContactFieldService } from '../custom-field/custom-field.service.js';
import { PipelineStage, Pipeline, PipelineType } from '../pipeline/pipeline.entities.js';
import { contactTimelines } from '../timeline/timeline.js';
import type { TimelineItem } from '../timeline/timeline.inputs.js';
import { Contact, ContactSource, ContactStatus, ContactType } from './contact.entity.js';
import { ContactChange } from './contact.live.js';
import {
  assigneeNotMember,
  batchSizeInvalid,
  ContactErrorCode,
  contactMerged,
  contactNotFound,
  contactStageNotFound,
  contactUnnamed,
  convertToLead,
  customFieldsInvalid,
  duplicateEmail,
  leaveLeadByConverting,
  mergeIntoItself,
  notALead,
} from './contact.errors.js';
import type { ContactCreateInput, ContactFilter, ContactsArgs, ContactUpdateInput } from './contact.inputs.js';
import { crmErrorTexts } from '../messages.js';

export const MAX_BATCH = 100;

/** Trimmed text, or null when empty. */
const text = (max: number, tooLong: Message) =>
  z
    .string()
    .max(max, zodMessage(tooLong))
    .transform((value) => value.trim() || null)
    .nullish();
const fields = {
  type: z.enum(ContactType).nullish(),
  status: z.enum(ContactStatus).nullish(),
  firstName: text(100, crmErrorTexts.firstNameTooLong),
  lastName: text(100, crmErrorTexts.lastNameTooLong),
  email: z
    .string()
    .trim()
    .max(255)
    .transform((value) => value || null)
    .refine((value) => value === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value), zodMessage(crmErrorTexts.emailFormat))
    .nullish(),
  phone: text(50, crmErrorTexts.phoneTooLong).refine((value) => !value || /^[+\d][\d\s().\-/x]*$/i.test(value), zodMessage(crmErrorTexts.phoneFormat)),
  company: text(200, crmErrorTexts.companyTooLong),
  jobTitle: text(200, crmErrorTexts.jobTitleTooLong),
  avatarUrl: text(1000, crmErrorTexts.avatarUrlTooLong).refine(
    (value) => !value || (URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)),
    zodMessage(crmErrorTexts.avatarUrlFormat),
  ),
  source: z.enum(ContactSource).nullish(),
  customFields: z
    .record(z.string(), z.unknown())
    .refine((value) => JSON.stringify(value).length <= 32_768, zodMessage(crmErrorTexts.customFieldsTooLarge))
    .nullish(),
  stageId: globalIdOf('PipelineStage').nullish(),
  assignedToId: globalIdOf('User').nullish(),
};
const named = (v: { firstName?: string | null; lastName?: string | null; company?: string | null; email?: string | null }) =>
  Boolean(v.firstName || v.lastName || v.company || v.email);
const createInput = z.object(fields).refine(named, { message: zodMessage(crmErrorTexts.contactUnnamed), path: ['firstName'] });
const updateInput = z.object({ ...fields, id: globalIdOf('Contact') });
type ValidCreate = z.output<typeof createInput>;

const filterSpec: FilterSpec = {
  id: { path: 'contact.id', kind: 'id', idType: 'Contact' },
  tags: tagFilterField('crm', 'contact.id'),
  type: { path: 'contact.type', kind: 'enum' },
  status: { path: 'contact.status', kind: 'enum' },
  source: { path: 'contact.source', kind: 'enum' },
  firstName: { path: 'contact.firstName', kind: 'string' },
  lastName: { path: 'contact.lastName', kind: 'string' },
  email: { path: 'contact.email', kind: 'string' },
  company: { path: 'contact.company', kind: 'string' },
  assignedTo: { path: 'contact.assignedTo', kind: 'id', idType: 'User' },
  stage: { path: 'contact.stageId', kind: 'id', idType: 'PipelineStage' },
  convertedAt: { path: 'contact.convertedAt', kind: 'datetime' },
  createdAt: { path: 'contact.createdAt', kind: 'datetime' },
  updatedAt: { path: 'contact.updatedAt', kind: 'datetime' },
};
const orderFields: Record<string, OrderField> = {
  createdAt: { path: 'contact.createdAt', sqlType: 'timestamptz' },
  updatedAt: { path: 'contact.updatedAt', sqlType: 'timestamptz' },
  firstName: { path: 'contact.firstName', sqlType: 'text' },
  lastName: { path: 'contact.lastName', sqlType: 'text' },
  company: { path: 'contact.company', sqlType: 'text' },
};
const idOrder: OrderField = { path: 'contact.id', sqlType: 'uuid' };
const newestFirst = [{ field: 'createdAt', direction: OrderDirection.DESC }];

/** Fields whose changes events report (before and after). */
const TRACKED = TrackedFields.of(Contact, [
  'type',
  'status',
  'firstName',
  'lastName',
  'email',
  'phone',
  'company',
  'jobTitle',
  'avatarUrl',
  'source',
  'customFields',
  'stageId',
  'assignedTo',
]);
type Snapshot = SnapshotOf<typeof TRACKED>;

/** Rewrites the field paths of a row's errors to their place in a batch input. */
const inBatch = (index: number, errors: UserErrorData[]): UserErrorData[] =>
  errors.map((error) => ({ ...error, field: ['input', 'contacts', index, ...(error.field ?? []).slice(1)] }));

/**
 * Contacts (leads, clients, vendors, partners) of the caller's organization: validation (custom
 * fields against the organization's definitions), duplicate detection by e-mail, conversion,
 * merging, batch creation, permission checks and events. Every event about a contact carries
 * `contactId`, which the contact's timeline reads.
 */
export class ContactService {
  /** Contacts by id, which the caller reads, the loader behind fields and references, the guard of mutations. */
  readonly access: AggregateAccess<Contact>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly fields: ContactFieldService,
  ) {
    this.access = new AggregateAccess(db, authz, { type: 'Contact', entity: Contact, table: 'crm.contacts', notFound: contactNotFound });
  }

  /**
   * What a live event means to the caller subscribed to a contact's changes: the change (about the
   * contact, one of its deals or interactions — every CRM event carries its contactId), or null.
   */
  async liveChange(request: RequestContext, event: PublishedEvent, contactId: string): Promise<ContactChange | null> {
    if (!event.subject || event.orgId !== principalOrgId(request.principal) || event.data?.contactId !== contactId) return null;
    if (!(await this.authz.can(request, 'read', 'Contact', contactId))) return null;
    const contact = await this.db.transaction(request, (em) => em.findOne(Contact, { where: { id: contactId }, withDeleted: true }));
    if (!contact) return null;
    return Object.assign(new ContactChange(), {
      event: event.type,
      occurredAt: new Date(event.occurredAt),
      subjectId: toGlobalId(event.subject.type, event.subject.id),
      contact: contact.deletedAt ? null : contact,
      actorId: event.actorId,
    });
  }

  async list(request: RequestContext, args: ContactsArgs, scope?: (query: SelectQueryBuilder<Contact>) => void): Promise<Connection<Contact>> {
    const readable = await this.access.readableIds(request);
    const spec = await this.filterSpec(request, args);
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => {
        const query = this.query(em, args, readable, spec);
        scope?.(query);
        return query;
      },
      sort: this.sort(args),
      args,
    });
  }

  /** One page of contacts per owner, in a constant number of statements. */
  async listGrouped(request: RequestContext, groupPath: string, groups: readonly string[], args: ContactsArgs): Promise<Connection<Contact>[]> {
    const readable = await this.access.readableIds(request);
    const spec = await this.filterSpec(request, args);
    return paginateGroups(
      {
        db: this.db,
        scope: request,
        entity: Contact,
        build: (em) => this.query(em, args, readable, spec),
        alias: 'contact',
        groupPath,
        idProperty: 'id',
        sort: this.sort(args),
        args,
      },
      groups,
    );
  }

  async create(request: RequestContext, input: ContactCreateInput): Promise<Contact> {
    const orgId = requireOrgId(request);
    const actorId = requireUserId(request);
    await this.authz.require(request, 'write', 'Contact');
    const valid = validateInput(createInput, input, ContactErrorCode.InvalidInput);
    if (valid.assignedToId) await this.requireMember(orgId, valid.assignedToId);
    return this.db.transaction(request, (em) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'contactCreate',
        input: valid,
        create: () => this.insert(em, valid, orgId, actorId),
        load: (id) => em.findOneBy(Contact, { id }),
      }),
    );
  }

  /**
   * Creates up to 100 contacts. Atomic: all or none, with every row's errors. Otherwise each
   * valid row is created (each in its own savepoint) and the others report their errors.
   */
  async createBatch(
    request: RequestContext,
    input: { contacts: ContactCreateInput[]; atomic: boolean },
  ): Promise<{ contacts: (Contact | null)[]; errors: UserErrorData[] }> {
    const orgId = requireOrgId(request);
    const actorId = requireUserId(request);
    await this.authz.require(request, 'write', 'Contact');
    if (input.contacts.length === 0 || input.contacts.length > MAX_BATCH) throw batchSizeInvalid(MAX_BATCH);
    return this.db.transaction(request, async (em) => {
      const created: (Contact | null)[] = [];
      const errors: UserErrorData[] = [];
      for (const [index, row] of input.contacts.entries()) {
        await em.query('SAVEPOINT batch_row');
        try {
          const valid = validateInput(createInput, row, ContactErrorCode.InvalidInput);
          if (valid.assignedToId) await this.requireMember(orgId, valid.assignedToId);
          const contact = await idempotent(em, this.db.schema, {
            key: row.idempotencyKey,
            operation: 'contactCreate',
            input: valid,
            create: () => this.insert(em, valid, orgId, actorId),
            load: (id) => em.findOneBy(Contact, { id }),
          });
          await em.query('RELEASE SAVEPOINT batch_row');
          created.push(contact);
        } catch (error) {
          if (!(error instanceof UserInputError)) throw error;
          await em.query('ROLLBACK TO SAVEPOINT batch_row');
          errors.push(...inBatch(index, error.errors));
          created.push(null);
        }
      }
      if (errors.length && input.atomic) throw new UserInputError(errors);
      return { contacts: created, errors };
    });
  }

  async update(request: RequestContext, input: ContactUpdateInput): Promise<Contact> {
    const orgId = requireOrgId(request);
    const { id, assignedToId, customFields, ...changes } = validateInput(updateInput, input, ContactErrorCode.InvalidInput);
    await this.access.requireExisting(request, 'write', id);
    if (assignedToId) await this.requireMember(orgId, assignedToId);
    return this.db.transaction(request, async (em) => {
      const contact = await em.findOne(Contact, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!contact) throw contactNotFound();
      // Leaving LEAD is a conversion (it has its own event); other type changes are plain edits.
      if (contact.type === ContactType.LEAD && changes.type && changes.type !== ContactType.LEAD) {
        throw leaveLeadByConverting();
      }
      const before = TRACKED.snapshot(contact);
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) continue;
        if (value === null && (key === 'type' || key === 'status')) continue;
        Object.assign(contact, { [key]: value });
      }
      if (assignedToId !== undefined) contact.assignedTo = assignedToId;
      if (customFields !== undefined) contact.customFields = customFields === null ? {} : mergeCustomFields(contact.customFields, customFields);
      if (!named(contact)) throw contactUnnamed();
      await this.checkCustomFields(em, contact.customFields);
      if (changes.stageId) await this.requireContactStage(em, changes.stageId);
      const saved = await this.guardEmail(em, contact.email, contact.id, () => em.save(contact));
      await this.emitChange(em, before, saved);
      return saved;
    });
  }

  /** Moves a contact to the trash; its deals and interactions stay with it. */
  async delete(request: RequestContext, idInput: string): Promise<string> {
    const id = fromGlobalId('Contact', idInput);
    await this.access.requireExisting(request, 'write', id);
    await this.db.transaction(request, async (em) => {
      const contact = await em.findOne(Contact, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!contact) throw contactNotFound();
      await em.softDelete(Contact, { id });
      await this.emit(em, contact, 'contact.deleted', { title: contact.name });
    });
    return idInput;
  }

  /** Brings a contact back from the trash, unless it was merged or its e-mail is taken since. */
  async restore(request: RequestContext, idInput: string): Promise<Contact> {
    const id = fromGlobalId('Contact', idInput);
    await this.access.requireExisting(request, 'write', id);
    return this.db.transaction(request, async (em) => {
      const contact = await em.findOne(Contact, { where: { id }, withDeleted: true, lock: { mode: 'pessimistic_write' } });
      if (!contact?.deletedAt) throw contactNotFound();
      if (contact.mergedIntoId) throw contactMerged(contact.mergedIntoId);
      contact.deletedAt = null;
      const restored = await this.guardEmail(em, contact.email, contact.id, () => em.save(contact));
      await this.emit(em, restored, 'contact.restored', {});
      return restored;
    });
  }

  /** Turns a lead into a client (or vendor, partner): everything attached to it stays. */
  async convert(request: RequestContext, input: { id: string; type: ContactType }): Promise<Contact> {
    const id = fromGlobalId('Contact', input.id);
    await this.access.requireExisting(request, 'write', id);
    if (input.type === ContactType.LEAD) throw convertToLead();
    return this.db.transaction(request, async (em) => {
      const contact = await em.findOne(Contact, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!contact) throw contactNotFound();
      if (contact.type !== ContactType.LEAD) throw notALead();
      contact.type = input.type;
      contact.convertedAt = new Date();
      const saved = await em.save(contact);
      await this.emit(em, saved, 'contact.converted', { before: { type: ContactType.LEAD }, after: { type: saved.type } });
      return saved;
    });
  }

  /**
   * Merges `duplicateId` into `id`: the duplicate's deals and interactions move over, its values
   * fill the contact's blank fields (custom fields included), and it goes to the trash marked as
   * merged. One transaction; both rows locked in id order.
   */
  async merge(request: RequestContext, input: { id: string; duplicateId: string }): Promise<Contact> {
    const id = fromGlobalId('Contact', input.id);
    const duplicateId = fromGlobalId('Contact', input.duplicateId, 'duplicateId');
    if (id === duplicateId) throw mergeIntoItself();
    await this.access.requireExisting(request, 'write', id);
    await this.access.requireExisting(request, 'write', duplicateId, ['input', 'duplicateId']);
    return this.db.transaction(request, async (em) => {
      const rows = await em.find(Contact, { where: { id: In([id, duplicateId]) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
      const contact = rows.find((row) => row.id === id);
      const duplicate = rows.find((row) => row.id === duplicateId);
      if (!contact) throw contactNotFound();
      if (!duplicate) throw contactNotFound(['input', 'duplicateId']);
      const before = TRACKED.snapshot(contact);
      const movedDeals = (await em.query('UPDATE crm.deals SET contact_id = $1, updated_at = now() WHERE contact_id = $2', [id, duplicateId]))[1] as number;
      const movedInteractions = (
        await em.query('UPDATE crm.interactions SET contact_id = $1, updated_at = now() WHERE contact_id = $2', [id, duplicateId])
      )[1] as number;
      await em.query('UPDATE crm.contacts SET deleted_at = now(), merged_into_id = $1 WHERE id = $2', [id, duplicateId]);
      const filled: string[] = [];
      for (const field of ['firstName', 'lastName', 'email', 'phone', 'company', 'jobTitle', 'avatarUrl', 'source', 'stageId', 'assignedTo'] as const) {
        if (contact[field] === null && duplicate[field] !== null) {
          Object.assign(contact, { [field]: duplicate[field] });
          filled.push(field);
        }
      }
      contact.customFields = { ...duplicate.customFields, ...contact.customFields };
      const saved = await this.guardEmail(em, contact.email, contact.id, () => em.save(contact));
      await this.emit(em, saved, 'contact.merged', { duplicateId, movedDeals, movedInteractions, filled });
      await this.emitChange(em, before, saved);
      return saved;
    });
  }

  /** Contacts' timelines: their interactions and activity, with those of the contacts merged into them, latest first; one page per contact. */
  timelines(request: RequestContext, contactIds: readonly string[], args: ConnectionArgs): Promise<Connection<TimelineItem>[]> {
    return contactTimelines(this.db, request, contactIds, args);
  }

  private async insert(em: EntityManager, valid: ValidCreate, orgId: string, actorId: string): Promise<Contact> {
    const customFields = valid.customFields ?? {};
    await this.checkCustomFields(em, customFields);
    if (valid.stageId) await this.requireContactStage(em, valid.stageId);
    const contact = em.create(Contact, {
      id: uuidv7(),
      orgId,
      type: valid.type ?? ContactType.LEAD,
      status: valid.status ?? ContactStatus.ACTIVE,
      firstName: valid.firstName ?? null,
      lastName: valid.lastName ?? null,
      email: valid.email ?? null,
      phone: valid.phone ?? null,
      company: valid.company ?? null,
      jobTitle: valid.jobTitle ?? null,
      avatarUrl: valid.avatarUrl ?? null,
      source: valid.source ?? null,
      customFields,
      stageId: valid.stageId ?? null,
      assignedTo: valid.assignedToId ?? null,
      convertedAt: null,
      mergedIntoId: null,
      createdBy: actorId,
    });
    const saved = await this.guardEmail(em, contact.email, null, () => em.save(contact));
    await this.emit(em, saved, 'contact.created', { after: TRACKED.snapshot(saved) });
    if (saved.assignedTo) await this.emit(em, saved, 'contact.assigned', { before: { assignedTo: null }, after: { assignedTo: saved.assignedTo } });
    return saved;
  }

  /**
   * Runs a write that may give the contact `email`, refusing a duplicate with the existing
   * contact named — checked first, and again through the unique index should a concurrent write
   * take the address in between (the savepoint keeps the transaction usable).
   */
  private async guardEmail<T>(em: EntityManager, email: string | null, selfId: string | null, write: () => Promise<T>): Promise<T> {
    if (!email) return write();
    const existing = await this.findByEmail(em, email, selfId);
    if (existing) throw duplicateEmail(existing);
    await em.query('SAVEPOINT contact_email');
    try {
      const result = await write();
      await em.query('RELEASE SAVEPOINT contact_email');
      return result;
    } catch (error) {
      if (!isUniqueViolation(error, 'contacts_email_key')) throw error;
      await em.query('ROLLBACK TO SAVEPOINT contact_email');
      const taken = await this.findByEmail(em, email, selfId);
      throw taken ? duplicateEmail(taken) : error;
    }
  }

  private async findByEmail(em: EntityManager, email: string, selfId: string | null): Promise<Contact | null> {
    const query = em.createQueryBuilder(Contact, 'contact').where('lower(contact.email) = lower(:email)', { email });
    if (selfId) query.andWhere('contact.id <> :selfId', { selfId });
    return query.getOne();
  }

  private async checkCustomFields(em: EntityManager, values: Record<string, unknown>): Promise<void> {
    const problems = customFieldProblems(values, await this.fields.definitions(em));
    if (problems.length) throw customFieldsInvalid(problems);
  }

  /** A contact's stage belongs to a LEAD or ONBOARDING pipeline. */
  private async requireContactStage(em: EntityManager, stageId: string): Promise<void> {
    const stage = await em
      .createQueryBuilder(PipelineStage, 'stage')
      .innerJoin(Pipeline, 'pipeline', 'pipeline.id = stage.pipelineId AND pipeline.deletedAt IS NULL')
      .where('stage.id = :stageId AND pipeline.type IN (:...types)', { stageId, types: [PipelineType.LEAD, PipelineType.ONBOARDING] })
      .getOne();
    if (!stage) throw contactStageNotFound();
  }

  private async requireMember(orgId: string, userId: string): Promise<void> {
    if (!(await this.authz.isMember(orgId, userId))) throw assigneeNotMember();
  }

  private async emitChange(em: EntityManager, before: Snapshot, contact: Contact): Promise<void> {
    const after = TRACKED.snapshot(contact);
    const change = TRACKED.change(before, after);
    if (!change) return;
    await this.emit(em, contact, 'contact.updated', change);
    if (change.fields.includes('assignedTo'))
      await this.emit(em, contact, 'contact.assigned', { before: { assignedTo: before.assignedTo }, after: { assignedTo: after.assignedTo } });
  }

  private emit(em: EntityManager, contact: { id: string; orgId: string }, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, { type, orgId: contact.orgId, subject: { type: 'Contact', id: contact.id }, data: { contactId: contact.id, ...data } });
  }

  /** The filter's fields; with the organization's custom fields when the filter has conditions on them. */
  /** The rows `contacts(filter:)` lists for the caller, for `contactAnalytics`. */
  async analyticsSource(request: RequestContext, filter: ContactFilter | null): Promise<AnalyticsSource> {
    const readable = await this.access.readableIds(request);
    const args = { filter } as ContactsArgs;
    const spec = await this.filterSpec(request, args);
    return { db: this.db, query: (em) => this.query(em, args, readable, spec) };
  }

  private async filterSpec(request: RequestContext, args: ContactsArgs): Promise<FilterSpec> {
    if (!filterUses(args.filter as ContactFilter as Record<string, unknown> | null | undefined, 'customFields')) return filterSpec;
    const fields = await this.db.transaction(request, (em) => this.fields.definitions(em));
    return { ...filterSpec, customFields: customFieldFilter(fields) };
  }

  private query(em: EntityManager, args: ContactsArgs, readable: string[] | null, spec: FilterSpec) {
    const query = this.access.restrictToReadable(em.createQueryBuilder(Contact, 'contact'), 'contact', readable);
    const condition = filterToSql(args.filter as ContactFilter as Record<string, unknown> | null | undefined, spec);
    if (condition) query.andWhere(condition.sql, condition.params);
    const words = (args.search ?? '').split(/\s+/).filter(Boolean).slice(0, 10);
    words.forEach((word, index) => {
      query.andWhere(`concat_ws(' ', contact.firstName, contact.lastName, contact.email, contact.company) ILIKE :search${index}`, {
        [`search${index}`]: `%${escapeLike(word)}%`,
      });
    });
    return query;
  }

  private sort(args: ContactsArgs) {
    return sortKeysFor(args.orderBy, orderFields, newestFirst, idOrder);
  }
}
