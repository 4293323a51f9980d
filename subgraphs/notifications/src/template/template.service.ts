import {
  requireOrgId,
  requireUserId,
  uuidv7,
  validateInput,
  type Authorizer,
  type Database,
  type RequestContext,
  type Translator,
  zodMessage,
} from '@cellgraph/kernel';
import { Not, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { NotificationErrorCode } from '../notification/notification.errors.js';
import { eventPattern } from '../preference/preference.service.js';
import { mostSpecific } from '../preference/resolve.js';
import { DIGEST_KEY, SAMPLE_DIGEST, SAMPLE_NOTIFICATION, systemDigestTemplate, systemTemplate } from './defaults.js';
import type { EmailTemplateSource } from './render.js';
import { templateProblems } from './render.js';
import { EmailTemplate } from './template.entity.js';
import { templateInvalid, templateNotFound } from './template.errors.js';
import type { NotificationTemplateSetInput } from './template.inputs.js';
import { notificationErrorTexts } from '../notification/messages.js';

const templateKey = z.union([z.literal(DIGEST_KEY), eventPattern]);
const setInput = z.object({
  event: templateKey,
  subject: z.string().trim().min(1, zodMessage(notificationErrorTexts.subjectEmpty)).max(500, zodMessage(notificationErrorTexts.subjectTooLong)),
  html: z.string().min(1, zodMessage(notificationErrorTexts.htmlEmpty)).max(100_000, zodMessage(notificationErrorTexts.htmlTooLong)),
  text: z.string().min(1, zodMessage(notificationErrorTexts.textEmpty)).max(100_000, zodMessage(notificationErrorTexts.textTooLong)),
});

/** A template to render and where it comes from (the organization's, or the system's). */
export interface ChosenTemplate extends EmailTemplateSource {
  source: 'organization' | 'system';
}

const system = (template: EmailTemplateSource): ChosenTemplate => ({ ...template, source: 'system' });

/**
 * E-mail templates: the system's (in code, by event type, and a generic one) and each
 * organization's overrides, which owners and admins set (`manage` on NotificationTemplate).
 */
export class TemplateService {
  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
  ) {}

  async list(request: RequestContext): Promise<EmailTemplate[]> {
    requireOrgId(request);
    await this.authz.require(request, 'manage', 'NotificationTemplate');
    return this.db.transaction(request, (em) => em.find(EmailTemplate, { order: { event: 'ASC' } }));
  }

  async set(request: RequestContext, input: NotificationTemplateSetInput): Promise<EmailTemplate> {
    const orgId = requireOrgId(request);
    const userId = requireUserId(request);
    await this.authz.require(request, 'manage', 'NotificationTemplate');
    const valid = validateInput(setInput, input, NotificationErrorCode.InvalidInput);
    const problems = templateProblems(valid, valid.event === DIGEST_KEY ? SAMPLE_DIGEST : SAMPLE_NOTIFICATION);
    if (problems.length) throw templateInvalid(problems);
    return this.db.transaction(request, async (em) => {
      await em.query(
        `INSERT INTO notifications.email_templates (id, org_id, event_type, subject, html, text, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (org_id, event_type) DO UPDATE SET subject = excluded.subject, html = excluded.html, text = excluded.text, updated_by = excluded.updated_by, updated_at = now()`,
        [uuidv7(), orgId, valid.event, valid.subject, valid.html, valid.text, userId],
      );
      return em.findOneByOrFail(EmailTemplate, { event: valid.event });
    });
  }

  async delete(request: RequestContext, event: string): Promise<string> {
    requireOrgId(request);
    await this.authz.require(request, 'manage', 'NotificationTemplate');
    const key = validateInput(z.object({ event: templateKey }), { event }, NotificationErrorCode.InvalidInput).event;
    const deleted = await this.db.transaction(request, (em) => em.delete(EmailTemplate, { event: key }));
    if (!deleted.affected) throw templateNotFound();
    return key;
  }

  /** The template of a notification e-mail, in the organization's transaction `em` (the system's in the reader's language). */
  async forEvent(em: EntityManager, eventType: string, reader: Translator): Promise<ChosenTemplate> {
    const overrides = await em.findBy(EmailTemplate, { event: Not(DIGEST_KEY) });
    const chosen = mostSpecific(overrides, eventType, (t) => t.event);
    if (chosen) return { subject: chosen.subject, html: chosen.html, text: chosen.text, source: 'organization' };
    return this.systemFor(eventType, reader);
  }

  systemFor(eventType: string, reader: Translator): ChosenTemplate {
    return system(systemTemplate(reader, eventType));
  }

  async forDigest(em: EntityManager, reader: Translator): Promise<ChosenTemplate> {
    const chosen = await em.findOneBy(EmailTemplate, { event: DIGEST_KEY });
    return chosen ? { subject: chosen.subject, html: chosen.html, text: chosen.text, source: 'organization' } : this.systemDigest(reader);
  }

  systemDigest(reader: Translator): ChosenTemplate {
    return system(systemDigestTemplate(reader));
  }
}
