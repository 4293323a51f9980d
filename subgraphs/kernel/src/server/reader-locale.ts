import { principalOrgId, principalUserId, type RequestContext } from '../context/request-context.js';
import { DEFAULT_LOCALE, canonicalLocale, languageOf } from '../i18n/locales.js';
import type { Logger } from '../logging/logger.js';
import type { SettingsReader } from '../settings/settings-reader.js';

/** Identity's namespace of a user's preferences (locale, time zone), with the organization's defaults. */
export const PROFILE_NAMESPACE = 'profile';
/** A read slower than this (identity filling a cold cache) is not waited for: the request answers in the negotiated locale. */
const PROFILE_READ_WAIT_MS = 250;

const spoken = (tag: unknown): string | null => {
  const locale = typeof tag === 'string' ? canonicalLocale(tag) : null;
  return locale && languageOf(locale) ? locale : null;
};

/** Time zones checked so far (building a DateTimeFormat per request to check one would cost more than the request's own work). */
const checkedTimeZones = new Map<string, boolean>();

function isTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || !timeZone || timeZone.length > 64) return false;
  let valid = checkedTimeZones.get(timeZone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
      valid = true;
    } catch {
      valid = false;
    }
    if (checkedTimeZones.size < 1_000) checkedTimeZones.set(timeZone, valid);
  }
  return valid;
}

async function readProfile(settings: SettingsReader, orgId: string, userId: string | null) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), PROFILE_READ_WAIT_MS);
  });
  const read = settings.read(orgId, userId, PROFILE_NAMESPACE);
  read.catch(() => undefined); // a read that fails after the wait is no one's concern
  try {
    return await Promise.race([read, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The request with its reader's `locale` and `timeZone`, once per request (the settings reader
 * caches): for a principal in an organization, its `profile` settings — the user's over the
 * organization's (a locale left at the namespace's default does not override the caller's
 * Accept-Language) — else the locale the gateway negotiated from Accept-Language, else en-US, in
 * UTC. A failed or slow settings read never fails the request: it answers in the negotiated locale.
 */
export async function withReaderLocale(request: RequestContext, settings: SettingsReader | undefined, logger?: Logger): Promise<RequestContext> {
  const negotiated = spoken(request.locale) ?? DEFAULT_LOCALE;
  const orgId = principalOrgId(request.principal);
  let locale = negotiated;
  let timeZone = 'UTC';
  if (orgId && settings?.namespace(PROFILE_NAMESPACE)) {
    try {
      const profile = await readProfile(settings, orgId, principalUserId(request.principal));
      if (profile) {
        if (profile.sources.locale !== 'DEFAULT') locale = spoken(profile.values.locale) ?? negotiated;
        if (isTimeZone(profile.values.timeZone)) timeZone = profile.values.timeZone;
      }
    } catch (error) {
      logger?.warn({ err: error, requestId: request.requestId }, 'cannot read the reader’s profile settings; answering in the negotiated locale');
    }
  }
  return { ...request, locale, timeZone };
}
