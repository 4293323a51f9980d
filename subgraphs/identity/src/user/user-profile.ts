import { z } from 'zod';
import { personName } from '../auth/account.service.js';
import { zodMessage } from '@cellgraph/kernel/core';
import { identityValidationMessages } from '../messages.js';

/**
 * An IANA time zone name (Europe/Paris, UTC), as Intl knows it, written as Intl resolves it.
 * Offsets (`+01:00`) are refused here: newer runtimes accept them as time zones.
 */
const timeZone = z
  .string()
  .trim()
  .max(64, zodMessage(identityValidationMessages.timeZoneTooLong))
  .transform((value, ctx) => {
    try {
      if (/^[+-]\d/.test(value)) throw new RangeError('an offset, not a time zone');
      return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
    } catch {
      ctx.addIssue({ code: 'custom', message: zodMessage(identityValidationMessages.timeZone) });
      return z.NEVER;
    }
  });

/** A BCP 47 language tag (en, fr-CA, zh-Hant-TW), written in its canonical form. */
const locale = z
  .string()
  .trim()
  .max(35, zodMessage(identityValidationMessages.localeTooLong))
  .transform((value, ctx) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(value);
      if (canonical) return canonical;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: 'custom', message: zodMessage(identityValidationMessages.locale) });
    return z.NEVER;
  });

const avatarUrl = z
  .string()
  .trim()
  .max(1000, zodMessage(identityValidationMessages.avatarUrlTooLong))
  .refine((value) => URL.canParse(value) && new URL(value).protocol === 'https:', zodMessage(identityValidationMessages.avatarUrlHttps));

/** userUpdate's input: an omitted field stays as it is; null clears the optional ones. */
export const userUpdateInput = z.object({
  name: z.preprocess((value) => (value === null ? '' : value), personName).optional(),
  avatarUrl: avatarUrl.nullish(),
  timeZone: timeZone.nullish(),
  locale: locale.nullish(),
});

export type UserProfileChanges = z.output<typeof userUpdateInput>;
export const PROFILE_FIELDS = ['name', 'avatarUrl', 'timeZone', 'locale'] as const;
