import { requireOrgId, requireUserId, validateInput, type Database, type RequestContext, zodMessage } from '@cellgraph/kernel';
import { In, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { NotificationErrorCode } from '../notification/notification.errors.js';
import { EmailFrequency, NotificationSettings, Preference } from './preference.entities.js';
import { preferenceNotFound } from './preference.errors.js';
import type { NotificationPreferenceSetInput, NotificationSettingsUpdateInput } from './preference.inputs.js';
import { DEFAULT_CHOICE, EVENT_PATTERN, resolveChannels } from './resolve.js';
import { notificationErrorTexts } from '../notification/messages.js';

export const eventPattern = z
  .string()
  .trim()
  .max(100, zodMessage(notificationErrorTexts.eventPatternTooLong))
  .regex(EVENT_PATTERN, zodMessage(notificationErrorTexts.eventPatternFormat));

const setInput = z.object({
  event: eventPattern,
  inApp: z.boolean().nullish(),
  email: z.boolean().nullish(),
  push: z.boolean().nullish(),
  muted: z.boolean().nullish(),
});

/** The channels and e-mail frequency of each recipient of one event. */
export interface RecipientChannels {
  inApp: boolean;
  email: boolean;
  push: boolean;
  frequency: EmailFrequency;
}

/**
 * A user's notification preferences (per event type, prefix or *) and settings (e-mail
 * frequency), in their organization. Only the user reads and changes their own.
 */
export class PreferenceService {
  constructor(private readonly db: Database) {}

  list(request: RequestContext): Promise<Preference[]> {
    const userId = requireUserId(request);
    requireOrgId(request);
    return this.db.transaction(request, (em) => em.find(Preference, { where: { userId }, order: { eventPattern: 'ASC' } }));
  }

  async set(request: RequestContext, input: NotificationPreferenceSetInput): Promise<Preference> {
    const orgId = requireOrgId(request);
    const userId = requireUserId(request);
    const valid = validateInput(setInput, input, NotificationErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const current = await em.findOne(Preference, { where: { orgId, userId, eventPattern: valid.event }, lock: { mode: 'pessimistic_write' } });
      const base = current ?? DEFAULT_CHOICE;
      const pick = (value: boolean | null | undefined, fallback: boolean) => (value === null || value === undefined ? fallback : value);
      const values = {
        orgId,
        userId,
        eventPattern: valid.event,
        inApp: pick(valid.inApp, base.inApp),
        email: pick(valid.email, base.email),
        push: pick(valid.push, base.push),
        muted: pick(valid.muted, base.muted),
      };
      await em.upsert(Preference, values, ['orgId', 'userId', 'eventPattern']);
      return em.findOneByOrFail(Preference, { orgId, userId, eventPattern: valid.event });
    });
  }

  async delete(request: RequestContext, event: string): Promise<string> {
    const userId = requireUserId(request);
    requireOrgId(request);
    const pattern = validateInput(z.object({ event: eventPattern }), { event }, NotificationErrorCode.InvalidInput).event;
    const deleted = await this.db.transaction(request, (em) => em.delete(Preference, { userId, eventPattern: pattern }));
    if (!deleted.affected) throw preferenceNotFound();
    return pattern;
  }

  async settings(request: RequestContext): Promise<NotificationSettings> {
    const orgId = requireOrgId(request);
    const userId = requireUserId(request);
    const found = await this.db.transaction(request, (em) => em.findOneBy(NotificationSettings, { userId }));
    return found ?? Object.assign(new NotificationSettings(), { orgId, userId, emailFrequency: EmailFrequency.IMMEDIATE, updatedAt: null });
  }

  async updateSettings(request: RequestContext, input: NotificationSettingsUpdateInput): Promise<NotificationSettings> {
    const orgId = requireOrgId(request);
    const userId = requireUserId(request);
    const valid = validateInput(z.object({ emailFrequency: z.enum(EmailFrequency).nullish() }), input, NotificationErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      if (valid.emailFrequency) await em.upsert(NotificationSettings, { orgId, userId, emailFrequency: valid.emailFrequency }, ['orgId', 'userId']);
      return (
        (await em.findOneBy(NotificationSettings, { userId })) ??
        Object.assign(new NotificationSettings(), { orgId, userId, emailFrequency: EmailFrequency.IMMEDIATE, updatedAt: null })
      );
    });
  }

  /** For routing, in the organization's transaction: each user's channels for `eventType`. */
  async channelsOf(em: EntityManager, userIds: readonly string[], eventType: string): Promise<Map<string, RecipientChannels>> {
    if (!userIds.length) return new Map();
    const [preferences, settings] = await Promise.all([
      em.findBy(Preference, { userId: In([...userIds]) }),
      em.findBy(NotificationSettings, { userId: In([...userIds]) }),
    ]);
    const frequency = new Map(settings.map((s) => [s.userId, s.emailFrequency]));
    return new Map(
      userIds.map((userId) => [
        userId,
        {
          ...resolveChannels(
            preferences.filter((p) => p.userId === userId),
            eventType,
          ),
          frequency: frequency.get(userId) ?? EmailFrequency.IMMEDIATE,
        },
      ]),
    );
  }
}
