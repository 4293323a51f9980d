import type { FormEvent } from 'react';
import { Button, SelectField, TextField } from '../ui/controls';
import { PageHeader } from '../ui/PageHeader';
import { ErrorState, Loading, Notice } from '../ui/states';
import { canManage } from './shared';
import { useNamespaceSettings } from './useNamespaceSettings';
import { useT, useTranslator } from '../app/i18n';
import { LocaleOptions } from './locales';
import { m, organizationMessages as o } from './messages';

/** The months' names in the reader's language ("January", "Januar"). */
function monthNames(locale: string): string[] {
  const format = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, month) => format.format(Date.UTC(2000, month, 1)));
}

interface OrganizationValues {
  branding?: { name?: string; color?: string; logoUrl?: string };
  fiscalYearStartMonth?: number;
  defaultLocale?: string;
  defaultTimeZone?: string;
}

/** The organization’s branding, fiscal year and its members’ defaults (the `organization` settings; owners and admins change them). */
export function OrganizationSettingsPage() {
  const reader = useTranslator();
  const t = useT();
  const { settings, viewerRole, loading, error: loadError, refetch, save, saving, saved, error, fields, setSaved } = useNamespaceSettings('organization');
  const values = (settings?.values ?? {}) as OrganizationValues;
  const editable = canManage(viewerRole);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    await save('ORGANIZATION', {
      branding: { color: text('color'), ...(text('brandName') ? { name: text('brandName') } : {}), ...(text('logoUrl') ? { logoUrl: text('logoUrl') } : {}) },
      fiscalYearStartMonth: Number(text('fiscalYearStartMonth')),
      defaultLocale: text('defaultLocale'),
      defaultTimeZone: text('defaultTimeZone'),
    });
  }

  return (
    <>
      <PageHeader title={t(m.organization)} subtitle={t(o.subtitle)} />
      {loadError && !settings ? (
        <ErrorState error={loadError} retry={() => void refetch()} />
      ) : loading && !settings ? (
        <Loading />
      ) : settings ? (
        <section className="settings-section" aria-labelledby="organization-settings-form">
          <h2 id="organization-settings-form">{t(o.heading)}</h2>
          {editable ? null : <Notice tone="info">{t(o.readOnly)}</Notice>}
          <form key={JSON.stringify(values)} className="form settings-form" onSubmit={submit} onChange={() => setSaved(false)}>
            <fieldset disabled={!editable} className="settings-fieldset">
              <div className="settings-grid">
                <TextField label={t(o.brandName)} name="brandName" defaultValue={values.branding?.name ?? ''} maxLength={100} error={fields.name} />
                <TextField label={t(o.brandColour)} name="color" type="color" defaultValue={values.branding?.color} error={fields.color} />
              </div>
              <TextField
                label={t(o.logoUrl)}
                name="logoUrl"
                type="url"
                defaultValue={values.branding?.logoUrl ?? ''}
                placeholder="https://…"
                error={fields.logoUrl}
              />
              <div className="settings-grid">
                <SelectField
                  label={t(o.fiscalYearStart)}
                  name="fiscalYearStartMonth"
                  defaultValue={String(values.fiscalYearStartMonth ?? 1)}
                  error={fields.fiscalYearStartMonth}
                >
                  {monthNames(reader.locale).map((month, index) => (
                    <option key={month} value={index + 1}>
                      {month}
                    </option>
                  ))}
                </SelectField>
                <SelectField label={t(o.defaultLocale)} name="defaultLocale" defaultValue={values.defaultLocale} error={fields.defaultLocale}>
                  <LocaleOptions current={values.defaultLocale} />
                </SelectField>
                <TextField label={t(o.defaultTimeZone)} name="defaultTimeZone" defaultValue={values.defaultTimeZone} error={fields.defaultTimeZone} />
              </div>
            </fieldset>
            <Notice>{error}</Notice>
            {saved ? <Notice tone="success">{t(o.saved)}</Notice> : null}
            {editable ? (
              <div className="button-row">
                <Button type="submit" variant="primary" busy={saving}>
                  {t(o.save)}
                </Button>
              </div>
            ) : null}
          </form>
        </section>
      ) : null}
    </>
  );
}
