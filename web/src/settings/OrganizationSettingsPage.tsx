import type { FormEvent } from 'react';
import { Button, SelectField, TextField } from '../ui/controls';
import { PageHeader } from '../ui/PageHeader';
import { ErrorState, Loading, Notice } from '../ui/states';
import { canManage } from './shared';
import { useNamespaceSettings } from './useNamespaceSettings';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface OrganizationValues {
  branding?: { name?: string; color?: string; logoUrl?: string };
  fiscalYearStartMonth?: number;
  defaultLocale?: string;
  defaultTimeZone?: string;
}

/** The organization’s branding, fiscal year and its members’ defaults (the `organization` settings; owners and admins change them). */
export function OrganizationSettingsPage() {
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
      <PageHeader title="Organization" subtitle="Branding, fiscal year and your members’ defaults." />
      {loadError && !settings ? (
        <ErrorState error={loadError} retry={() => void refetch()} />
      ) : loading && !settings ? (
        <Loading />
      ) : settings ? (
        <section className="settings-section" aria-labelledby="organization-settings-form">
          <h2 id="organization-settings-form">Organization settings</h2>
          {editable ? null : <Notice tone="info">Only owners and admins change these.</Notice>}
          <form key={JSON.stringify(values)} className="form settings-form" onSubmit={submit} onChange={() => setSaved(false)}>
            <fieldset disabled={!editable} className="settings-fieldset">
              <div className="settings-grid">
                <TextField label="Brand name" name="brandName" defaultValue={values.branding?.name ?? ''} maxLength={100} error={fields.name} />
                <TextField label="Brand colour" name="color" type="color" defaultValue={values.branding?.color} error={fields.color} />
              </div>
              <TextField
                label="Logo URL"
                name="logoUrl"
                type="url"
                defaultValue={values.branding?.logoUrl ?? ''}
                placeholder="https://…"
                error={fields.logoUrl}
              />
              <div className="settings-grid">
                <SelectField
                  label="Fiscal year starts in"
                  name="fiscalYearStartMonth"
                  defaultValue={String(values.fiscalYearStartMonth ?? 1)}
                  error={fields.fiscalYearStartMonth}
                >
                  {MONTHS.map((month, index) => (
                    <option key={month} value={index + 1}>
                      {month}
                    </option>
                  ))}
                </SelectField>
                <TextField label="Default locale" name="defaultLocale" defaultValue={values.defaultLocale} error={fields.defaultLocale} />
                <TextField label="Default time zone" name="defaultTimeZone" defaultValue={values.defaultTimeZone} error={fields.defaultTimeZone} />
              </div>
            </fieldset>
            <Notice>{error}</Notice>
            {saved ? <Notice tone="success">The organization’s settings are saved.</Notice> : null}
            {editable ? (
              <div className="button-row">
                <Button type="submit" variant="primary" busy={saving}>
                  Save organization settings
                </Button>
              </div>
            ) : null}
          </form>
        </section>
      ) : null}
    </>
  );
}
