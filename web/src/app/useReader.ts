import { useQuery } from '@apollo/client/react';
import { useLayoutEffect } from 'react';
import { SettingsNamespaceQuery } from '../settings/operations';
import { setReader } from './i18n';

/**
 * Keeps the app's reader on the signed-in user's resolved `profile` settings (theirs over their
 * organization's default), and on the browser's languages when nobody is signed in. It watches
 * the same query the Preferences page saves and refetches, so a change there switches the app
 * at once. Returns whether the profile is still loading (the app waits for it, as for the flags).
 */
export function useProfileReader(signedIn: boolean): { loading: boolean } {
  const profile = useQuery(SettingsNamespaceQuery, { variables: { namespace: 'profile' }, skip: !signedIn });
  const values = (profile.data?.settings?.values ?? {}) as { locale?: unknown; timeZone?: unknown };
  const locale = signedIn && typeof values.locale === 'string' ? values.locale : null;
  const timeZone = signedIn && typeof values.timeZone === 'string' ? values.timeZone : null;
  // Before paint, so the first signed-in screen is already in the reader's language.
  useLayoutEffect(() => setReader(locale, timeZone), [locale, timeZone]);
  return { loading: signedIn && profile.loading && !profile.data };
}
