/** The languages the app is translated into, each named in itself, stored as a BCP 47 tag. */
export const SUPPORTED_LOCALES: readonly { tag: string; name: string }[] = [
  { tag: 'en-US', name: 'English' },
  { tag: 'de-DE', name: 'Deutsch' },
];

/**
 * The options of a locale select: the supported languages, and the stored value first when it is
 * another tag (an organization's `fr-FR`, an `en-GB`), so saving the form keeps it.
 */
export function LocaleOptions({ current }: { current?: string | null }) {
  const other = current && !SUPPORTED_LOCALES.some((locale) => locale.tag === current) ? current : null;
  return (
    <>
      {other ? <option value={other}>{other}</option> : null}
      {SUPPORTED_LOCALES.map((locale) => (
        <option key={locale.tag} value={locale.tag} lang={locale.tag}>
          {locale.name}
        </option>
      ))}
    </>
  );
}
