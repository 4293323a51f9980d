import { useMemo, type FormEvent } from 'react';
import { Button, SelectField, TextField } from '../ui/controls';
import { PageHeader } from '../ui/PageHeader';
import { ErrorState, Loading, Notice } from '../ui/states';
import { useNamespaceSettings } from './useNamespaceSettings';

const SOURCE_HINTS: Record<string, string> = { USER: 'Your own choice.', ORGANIZATION: 'Your organization’s default.', DEFAULT: 'The default.' };

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/** Your time zone and locale (the `profile` settings): yours over your organization’s default. */
export function PreferencesPage() {
  const { settings, loading, error: loadError, refetch, save, saving, saved, error, fields, setSaved } = useNamespaceSettings('profile');
  const values = (settings?.values ?? {}) as { timeZone?: string; locale?: string };
  const source = (key: string) => SOURCE_HINTS[settings?.sources.find((entry) => entry.key === key)?.source ?? 'DEFAULT'];
  const zones = useMemo(() => {
    const all = timeZones();
    return values.timeZone && !all.includes(values.timeZone) ? [values.timeZone, ...all] : all;
  }, [values.timeZone]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await save('USER', { timeZone: String(form.get('timeZone') ?? ''), locale: String(form.get('locale') ?? '').trim() });
  }

  return (
    <>
      <PageHeader title="Preferences" subtitle="How dates, times and numbers are shown to you." />
      {loadError && !settings ? (
        <ErrorState error={loadError} retry={() => void refetch()} />
      ) : loading && !settings ? (
        <Loading />
      ) : settings ? (
        <section className="settings-section" aria-labelledby="preferences-form">
          <h2 id="preferences-form">Time zone and locale</h2>
          <form key={JSON.stringify(values)} className="form settings-form" onSubmit={submit} onChange={() => setSaved(false)}>
            <div className="settings-grid">
              <SelectField label="Time zone" name="timeZone" defaultValue={values.timeZone} hint={source('timeZone')} error={fields.timeZone}>
                {zones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone}
                  </option>
                ))}
              </SelectField>
              <TextField label="Locale" name="locale" defaultValue={values.locale} placeholder="e.g. en-GB" hint={source('locale')} error={fields.locale} />
            </div>
            <Notice>{error}</Notice>
            {saved ? <Notice tone="success">Your preferences are saved.</Notice> : null}
            <div className="button-row">
              <Button type="submit" variant="primary" busy={saving}>
                Save preferences
              </Button>
            </div>
          </form>
        </section>
      ) : null}
    </>
  );
}
