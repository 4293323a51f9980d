import { useMemo, type FormEvent } from 'react';
import { Button, SelectField } from '../ui/controls';
import { PageHeader } from '../ui/PageHeader';
import { ErrorState, Loading, Notice } from '../ui/states';
import { useNamespaceSettings } from './useNamespaceSettings';
import { useT, useTranslator, type Message } from '../app/i18n';
import { LocaleOptions } from './locales';
import { m, preferencesMessages as p } from './messages';

const SOURCE_HINTS: Record<string, Message> = { USER: p.sourceUser, ORGANIZATION: p.sourceOrganization, DEFAULT: p.sourceDefault };

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/**
 * Your time zone and locale (the `profile` settings): yours over your organization’s default. Once
 * saved, the app follows them at once (it watches the same settings).
 */
export function PreferencesPage() {
  const t = useT();
  const { settings, loading, error: loadError, refetch, save, saving, saved, error, fields, setSaved } = useNamespaceSettings('profile');
  const values = (settings?.values ?? {}) as { timeZone?: string; locale?: string };
  const source = (key: string) => t(SOURCE_HINTS[settings?.sources.find((entry) => entry.key === key)?.source ?? 'DEFAULT'] ?? p.sourceDefault);
  const activeLocale = useTranslator().locale;
  const zones = useMemo(() => {
    const all = timeZones();
    return values.timeZone && !all.includes(values.timeZone) ? [values.timeZone, ...all] : all;
  }, [values.timeZone]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await save('USER', { timeZone: String(form.get('timeZone') ?? ''), locale: String(form.get('locale') ?? '') });
  }

  return (
    <>
      <PageHeader title={t(m.preferences)} subtitle={t(p.subtitle)} />
      {loadError && !settings ? (
        <ErrorState error={loadError} retry={() => void refetch()} />
      ) : loading && !settings ? (
        <Loading />
      ) : settings ? (
        <section className="settings-section" aria-labelledby="preferences-form">
          <h2 id="preferences-form">{t(p.heading)}</h2>
          <form key={JSON.stringify(values)} className="form settings-form" onSubmit={submit} onChange={() => setSaved(false)}>
            <div className="settings-grid">
              <SelectField label={t(p.timeZone)} name="timeZone" defaultValue={values.timeZone} hint={source('timeZone')} error={fields.timeZone}>
                {zones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone}
                  </option>
                ))}
              </SelectField>
              <SelectField label={t(p.locale)} name="locale" defaultValue={values.locale ?? activeLocale} hint={source('locale')} error={fields.locale}>
                <LocaleOptions current={values.locale ?? activeLocale} />
              </SelectField>
            </div>
            <Notice>{error}</Notice>
            {saved ? <Notice tone="success">{t(p.saved)}</Notice> : null}
            <div className="button-row">
              <Button type="submit" variant="primary" busy={saving}>
                {t(p.save)}
              </Button>
            </div>
          </form>
        </section>
      ) : null}
    </>
  );
}
