import {
  fromGlobalId,
  isUniqueViolation,
  keyBetween,
  requireOrgId,
  uuidv7,
  validateInput,
  type Authorizer,
  type Database,
  type RequestContext,
  zodMessage,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { ContactField, ContactFieldType } from './custom-field.entity.js';
import { ContactFieldErrorCode, fieldNotFound, keyTaken, optionInUse } from './custom-field.errors.js';
import { crmErrorTexts } from '../messages.js';

const label = z.string().trim().min(1, zodMessage(crmErrorTexts.labelRequired)).max(200);
const options = z
  .array(z.string().trim().min(1).max(200))
  .max(200, zodMessage(crmErrorTexts.tooManyOptions))
  .refine((o) => new Set(o).size === o.length, zodMessage(crmErrorTexts.optionsDistinct));
const createInput = z
  .object({
    key: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,62}$/, zodMessage(crmErrorTexts.keyFormat)),
    label,
    type: z.enum(ContactFieldType),
    options: options.optional(),
    required: z.boolean().optional(),
  })
  .refine((v) => ![ContactFieldType.SELECT, ContactFieldType.MULTI_SELECT].includes(v.type) || (v.options?.length ?? 0) > 0, {
    message: zodMessage(crmErrorTexts.selectNeedsOptions),
    path: ['options'],
  });
const updateInput = z.object({ label: label.optional(), options: options.optional(), required: z.boolean().optional() });

/**
 * The organization's custom contact fields (a schema for `Contact.customFields`). Owners and
 * admins define them; everyone who reads contacts reads them.
 */
export class ContactFieldService {
  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
  ) {}

  async list(request: RequestContext): Promise<ContactField[]> {
    requireOrgId(request);
    await this.authz.require(request, 'read', 'Contact');
    return this.db.transaction(request, (em) => this.definitions(em));
  }

  /** The definitions, in order, inside a unit of work (for validating values). */
  definitions(em: EntityManager): Promise<ContactField[]> {
    return em.find(ContactField, { order: { position: 'ASC' } });
  }

  async create(request: RequestContext, input: z.input<typeof createInput>): Promise<ContactField> {
    const orgId = requireOrgId(request);
    await this.authz.require(request, 'manage', 'ContactField');
    const valid = validateInput(createInput, input, ContactFieldErrorCode.InvalidInput);
    try {
      return await this.db.transaction(request, async (em) => {
        const [last] = await em.find(ContactField, { order: { position: 'DESC' }, take: 1 });
        const field = em.create(ContactField, {
          id: uuidv7(),
          orgId,
          ...valid,
          options: valid.options ?? [],
          required: valid.required ?? false,
          position: keyBetween(last?.position ?? null, null),
        });
        await em.insert(ContactField, field);
        await this.db.emit(em, {
          type: 'contact_field.created',
          orgId,
          subject: { type: 'ContactField', id: field.id },
          data: { key: field.key, type: field.type },
        });
        return em.findOneByOrFail(ContactField, { id: field.id });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw keyTaken();
      throw error;
    }
  }

  /** Changes a field's label, options or requiredness; an option still in use cannot be removed. */
  async update(
    request: RequestContext,
    input: { id: string; label?: string | null; options?: string[] | null; required?: boolean | null },
  ): Promise<ContactField> {
    const id = fromGlobalId('ContactField', input.id);
    await this.authz.require(request, 'manage', 'ContactField');
    const changes = validateInput(
      updateInput,
      { label: input.label ?? undefined, options: input.options ?? undefined, required: input.required ?? undefined },
      ContactFieldErrorCode.InvalidInput,
    );
    return this.db.transaction(request, async (em) => {
      const field = await em.findOneBy(ContactField, { id });
      if (!field) throw fieldNotFound();
      if (changes.options)
        await this.requireUnused(
          em,
          field,
          field.options.filter((option) => !changes.options!.includes(option)),
        );
      Object.assign(field, Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)));
      const saved = await em.save(field);
      await this.db.emit(em, { type: 'contact_field.updated', orgId: field.orgId, subject: { type: 'ContactField', id }, data: { key: field.key, changes } });
      return saved;
    });
  }

  /** Deletes a field and its value on every contact. */
  async delete(request: RequestContext, idInput: string): Promise<string> {
    const id = fromGlobalId('ContactField', idInput);
    await this.authz.require(request, 'manage', 'ContactField');
    await this.db.transaction(request, async (em) => {
      const field = await em.findOneBy(ContactField, { id });
      if (!field) throw fieldNotFound();
      await em.query('UPDATE crm.contacts SET custom_fields = custom_fields - $1::text WHERE custom_fields ? $1::text', [field.key]);
      await em.delete(ContactField, { id });
      await this.db.emit(em, { type: 'contact_field.deleted', orgId: field.orgId, subject: { type: 'ContactField', id }, data: { key: field.key } });
    });
    return idInput;
  }

  private async requireUnused(em: EntityManager, field: ContactField, removed: string[]): Promise<void> {
    if (!removed.length) return;
    const [{ used }] = (await em.query(
      `SELECT count(*)::int AS used FROM crm.contacts
        WHERE deleted_at IS NULL AND (custom_fields -> $1::text) ?| $2::text[]`,
      [field.key, removed],
    )) as [{ used: number }];
    if (used) throw optionInUse(used);
  }
}
