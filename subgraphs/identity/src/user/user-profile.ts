import { z } from 'zod';
import { personName } from '../auth/account.service.js';

/**
 * An IANA time zone name (Europe/Paris, UTC), as Intl knows it, written as Intl resolves it.
 * Offsets (`+01:00`) are refused here: newer runtimes accept them as time zones.
 */
const timeZone = z
  .string()
  .trim()
  .max(64, 'A time zone name has at most 64 characters')
  .transform((value, ctx) => {
    try {
      if (/^[+-]\d/.test(value)) throw new RangeError('an offset, not a time zone');
      return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Choose an IANA time zone such as Europe/Paris or America/New_York' });
      return z.NEVER;
    }
  });

/** A BCP 47 language tag (en, fr-CA, zh-Hant-TW), written in its canonical form. */
const locale = z
  .string()
  .trim()
  .max(35, 'A language tag has at most 35 characters')
  .transform((value, ctx) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(value);
      if (canonical) return canonical;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: 'custom', message: 'Choose a BCP 47 language tag such as en, en-GB or fr-CA' });
    return z.NEVER;
  });

const avatarUrl = z
  .string()
  .trim()
  .max(1000, 'The avatar URL has at most 1,000 characters')
  .refine((value) => URL.canParse(value) && new URL(value).protocol === 'https:', 'The avatar must be an https URL');

/** userUpdate's input: an omitted field stays as it is; null clears the optional ones. */
export const userUpdateInput = z.object({
  name: z.preprocess((value) => (value === null ? '' : value), personName).optional(),
  avatarUrl: avatarUrl.nullish(),
  timeZone: timeZone.nullish(),
  locale: locale.nullish(),
});

export type UserProfileChanges = z.output<typeof userUpdateInput>;
export const PROFILE_FIELDS = ['name', 'avatarUrl', 'timeZone', 'locale'] as const;
