import type { SettingsNamespaceDeclaration } from '@cellgraph/kernel';
import { z } from 'zod';

const timeZone = z.string().min(1).max(64);
const locale = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'A BCP 47 language tag, e.g. en-US')
  .max(35);

/** Identity's own settings namespaces: a user's preferences and an organization's branding and calendar. */
export const identitySettings: SettingsNamespaceDeclaration[] = [
  {
    namespace: 'profile',
    description: 'Your preferences: time zone and locale (an organization may set defaults for its members).',
    scopes: ['organization', 'user'],
    schema: z.object({ timeZone: timeZone.default('UTC'), locale: locale.default('en-US') }),
  },
  {
    namespace: 'organization',
    description: 'The organization’s branding, fiscal year and the defaults of its members’ locale and time zone.',
    scopes: ['organization'],
    schema: z.object({
      branding: z
        .object({
          name: z.string().max(100).optional(),
          color: z
            .string()
            .regex(/^#[0-9A-Fa-f]{6}$/, 'A colour as #RRGGBB')
            .default('#3355AA'),
          logoUrl: z.url().max(1000).optional(),
        })
        .default({ color: '#3355AA' }),
      fiscalYearStartMonth: z.number().int().min(1).max(12).default(1),
      defaultLocale: locale.default('en-US'),
      defaultTimeZone: timeZone.default('UTC'),
    }),
  },
];
