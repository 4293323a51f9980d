import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../context/request-context.js';
import type { ResolvedSettings } from '../settings/settings-namespaces.js';
import type { SettingsReader } from '../settings/settings-reader.js';
import { withReaderLocale } from './reader-locale.js';

const ORG = '01890f5e-8a6e-7c3b-9d2a-1b2c3d4e5f61';
const USER = '01890f5e-8a6e-7c3b-9d2a-1b2c3d4e5f60';
const member = (locale?: string): RequestContext => ({
  requestId: 'r',
  principal: { kind: 'user', userId: USER, orgId: ORG, scopes: [] },
  ...(locale ? { locale } : {}),
});

/** A settings reader answering `read` (or failing, or never answering). */
function reader(read: () => Promise<ResolvedSettings>): SettingsReader {
  return { namespace: () => ({}), read } as unknown as SettingsReader;
}
const profile = (locale: string, localeSource: 'USER' | 'ORGANIZATION' | 'DEFAULT', timeZone = 'UTC'): ResolvedSettings => ({
  values: { locale, timeZone },
  sources: { locale: localeSource, timeZone: 'USER' },
});

describe('the reader’s locale and time zone', () => {
  it('takes the profile’s locale (the user’s or the organization’s) and time zone', async () => {
    const resolved = await withReaderLocale(
      member('en-US'),
      reader(async () => profile('de-DE', 'USER', 'Europe/Berlin')),
    );
    expect([resolved.locale, resolved.timeZone]).toEqual(['de-DE', 'Europe/Berlin']);
    expect(
      (
        await withReaderLocale(
          member(),
          reader(async () => profile('de-AT', 'ORGANIZATION')),
        )
      ).locale,
    ).toBe('de-AT');
  });

  it('keeps the negotiated Accept-Language over a locale left at its default, or one no catalog speaks', async () => {
    expect(
      (
        await withReaderLocale(
          member('de-CH'),
          reader(async () => profile('en-US', 'DEFAULT')),
        )
      ).locale,
    ).toBe('de-CH');
    expect(
      (
        await withReaderLocale(
          member('de'),
          reader(async () => profile('fr-FR', 'USER')),
        )
      ).locale,
    ).toBe('de');
  });

  it('answers in the negotiated locale, or en-US in UTC, when settings fail or are slow, or for an anonymous caller', async () => {
    expect(
      (
        await withReaderLocale(
          member('de'),
          reader(() => Promise.reject(new Error('down'))),
        )
      ).locale,
    ).toBe('de');
    const started = Date.now();
    expect(
      (
        await withReaderLocale(
          member('de'),
          reader(() => new Promise(() => undefined)),
        )
      ).locale,
    ).toBe('de');
    expect(Date.now() - started).toBeLessThan(2_000);
    const anonymous = await withReaderLocale({ requestId: 'r', principal: { kind: 'anonymous' } }, undefined);
    expect([anonymous.locale, anonymous.timeZone]).toEqual(['en-US', 'UTC']);
  });
});
