import { useMutation, useQuery } from '@apollo/client/react';
import { useMemo, useState, type FormEvent } from 'react';
import { Button, SelectField, TextField } from '../ui/controls';
import { PageHeader } from '../ui/PageHeader';
import { ErrorState, Loading, Notice } from '../ui/states';
import {
  SettingsMfaDisableMutation,
  SettingsMfaEnrollConfirmMutation,
  SettingsMfaEnrollStartMutation,
  SettingsPasswordChangeMutation,
  SettingsProfileQuery,
  SettingsUserUpdateMutation,
} from './operations';
import { CopyButton } from './CopyButton';
import { QrCode } from './qr';
import { fieldErrors } from '../app/errors';
import { attempt } from './shared';
import { describeError } from '../app/errors';
import { useT } from '../app/i18n';
import { LocaleOptions } from './locales';
import { m, profileMessages as pm } from './messages';

/** Your name, picture, time zone and language; your password; two-factor authentication. */
export function ProfilePage() {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(SettingsProfileQuery);
  const me = data?.me;
  return (
    <>
      <PageHeader title={t(m.profile)} subtitle={me?.email} />
      {error && !me ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : loading && !me ? (
        <Loading />
      ) : me ? (
        <>
          <ProfileForm key={me.id} me={me} />
          <PasswordForm />
          <TwoFactor enabled={Boolean(me.mfaEnabled)} onChange={() => void refetch()} />
        </>
      ) : null}
    </>
  );
}

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

interface Me {
  id: string;
  name: string;
  avatarUrl?: string | null;
  timeZone?: string | null;
  locale?: string | null;
}

function ProfileForm({ me }: { me: Me }) {
  const t = useT();
  const [update, { loading }] = useMutation(SettingsUserUpdateMutation);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const zones = useMemo(() => {
    const all = timeZones();
    return me.timeZone && !all.includes(me.timeZone) ? [me.timeZone, ...all] : all;
  }, [me.timeZone]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    setError(null);
    setFields({});
    setSaved(false);
    try {
      const result = await update({
        variables: {
          input: { name: text('name'), avatarUrl: text('avatarUrl') || null, timeZone: text('timeZone') || null, locale: text('locale') || null },
        },
      });
      const errors = result.data?.userUpdate?.userErrors;
      if (errors?.length) {
        const byField = fieldErrors(errors);
        setFields(byField);
        if (Object.keys(byField).length === 0) setError(await attempt(async () => errors));
        return;
      }
      setSaved(true);
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  return (
    <section className="settings-section" aria-labelledby="profile-details">
      <h2 id="profile-details">{t(pm.details)}</h2>
      <form className="form settings-form" onSubmit={submit} onChange={() => setSaved(false)}>
        <TextField label={t(m.name)} name="name" defaultValue={me.name} required maxLength={100} autoComplete="name" error={fields.name} />
        <TextField
          label={t(pm.avatarUrl)}
          name="avatarUrl"
          type="url"
          defaultValue={me.avatarUrl ?? ''}
          placeholder="https://…"
          hint={t(pm.avatarHint)}
          error={fields.avatarUrl}
        />
        <div className="settings-grid">
          <SelectField label={t(pm.timeZone)} name="timeZone" defaultValue={me.timeZone ?? ''} error={fields.timeZone}>
            <option value="">{t(pm.thisDevice)}</option>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </SelectField>
          <SelectField label={t(pm.languageAndRegion)} name="locale" defaultValue={me.locale ?? ''} error={fields.locale}>
            <option value="">{t(pm.thisDevice)}</option>
            <LocaleOptions current={me.locale} />
          </SelectField>
        </div>
        <Notice>{error}</Notice>
        {saved ? <Notice tone="success">{t(pm.saved)}</Notice> : null}
        <div className="button-row">
          <Button type="submit" variant="primary" busy={loading}>
            {t(pm.save)}
          </Button>
        </div>
      </form>
    </section>
  );
}

function PasswordForm() {
  const t = useT();
  const [change, { loading }] = useMutation(SettingsPasswordChangeMutation);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const currentPassword = String(form.get('currentPassword') ?? '');
    const newPassword = String(form.get('newPassword') ?? '');
    setError(null);
    setFields({});
    setSaved(false);
    if (newPassword !== String(form.get('confirmPassword') ?? '')) {
      setFields({ confirmPassword: t(pm.passwordsDiffer) });
      return;
    }
    try {
      const result = await change({ variables: { input: { currentPassword, newPassword } } });
      const errors = result.data?.passwordChange?.userErrors ?? [];
      if (errors.length) {
        const byField = fieldErrors(errors);
        if (byField.currentPassword || byField.newPassword) setFields(byField);
        else setError(await attempt(async () => errors));
        return;
      }
      formElement.reset();
      setSaved(true);
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  return (
    <section className="settings-section" aria-labelledby="profile-password">
      <h2 id="profile-password">{t(pm.password)}</h2>
      <form className="form settings-form" onSubmit={submit}>
        <TextField
          label={t(pm.currentPassword)}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={fields.currentPassword}
        />
        <TextField
          label={t(pm.newPassword)}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          hint={t(pm.passwordHint)}
          error={fields.newPassword}
        />
        <TextField label={t(pm.confirmPassword)} name="confirmPassword" type="password" autoComplete="new-password" required error={fields.confirmPassword} />
        <Notice>{error}</Notice>
        {saved ? <Notice tone="success">{t(pm.passwordChanged)}</Notice> : null}
        <div className="button-row">
          <Button type="submit" variant="primary" busy={loading}>
            {t(pm.changePassword)}
          </Button>
        </div>
      </form>
    </section>
  );
}

type Enrollment = { step: 'idle' } | { step: 'started'; secret: string; otpauthUrl: string } | { step: 'done'; backupCodes: string[] };

function TwoFactor({ enabled, onChange }: { enabled: boolean; onChange(): void }) {
  const t = useT();
  const [start, starting] = useMutation(SettingsMfaEnrollStartMutation);
  const [confirm, confirming] = useMutation(SettingsMfaEnrollConfirmMutation);
  const [disable, disabling] = useMutation(SettingsMfaDisableMutation);
  const [enrollment, setEnrollment] = useState<Enrollment>({ step: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [disabled, setDisabled] = useState(false);

  async function begin() {
    setError(null);
    setDisabled(false);
    let payload: { secret?: string | null; otpauthUrl?: string | null } | null | undefined;
    const failure = await attempt(async () => {
      const result = await start();
      payload = result.data?.mfaEnrollStart;
      return result.data?.mfaEnrollStart?.userErrors;
    });
    if (failure) return setError(failure);
    if (payload?.secret && payload.otpauthUrl) setEnrollment({ step: 'started', secret: payload.secret, otpauthUrl: payload.otpauthUrl });
  }

  async function submitCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '').replace(/\s+/g, '');
    setError(null);
    let codes: readonly string[] | null | undefined;
    const failure = await attempt(async () => {
      const result = await confirm({ variables: { input: { code } } });
      codes = result.data?.mfaEnrollConfirm?.backupCodes;
      return result.data?.mfaEnrollConfirm?.userErrors;
    });
    if (failure) return setError(failure);
    setEnrollment({ step: 'done', backupCodes: [...(codes ?? [])] });
    onChange();
  }

  async function submitDisable(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const password = String(new FormData(formElement).get('password') ?? '');
    setError(null);
    const failure = await attempt(async () => (await disable({ variables: { input: { password } } })).data?.mfaDisable?.userErrors);
    if (failure) return setError(failure);
    formElement.reset();
    setDisabled(true);
    onChange();
  }

  return (
    <section className="settings-section" aria-labelledby="profile-mfa">
      <h2 id="profile-mfa">{t(pm.twoFactor)}</h2>
      {enrollment.step === 'done' ? (
        <>
          <Notice tone="success">{t(pm.twoFactorOn)}</Notice>
          <p>
            <strong>{t(pm.saveBackupCodes)}</strong> {t(pm.backupCodesUse)}
          </p>
          <ul className="backup-codes" aria-label={t(pm.backupCodes)}>
            {enrollment.backupCodes.map((code) => (
              <li key={code}>{code}</li>
            ))}
          </ul>
          <div className="button-row">
            <CopyButton text={enrollment.backupCodes.join('\n')} label={t(pm.copyBackupCodes)} />
            <Button variant="primary" onClick={() => setEnrollment({ step: 'idle' })}>
              {t(pm.savedThem)}
            </Button>
          </div>
        </>
      ) : enabled ? (
        <>
          <p>
            {t(pm.twoFactorIs)} <strong>{t(pm.on)}</strong>
            {t(pm.onExplanation)}
          </p>
          <form className="form settings-form" onSubmit={submitDisable}>
            <TextField label={t(pm.password)} name="password" type="password" autoComplete="current-password" required hint={t(pm.toTurnOff)} />
            <Notice>{error}</Notice>
            <div className="button-row">
              <Button type="submit" variant="danger" busy={disabling.loading}>
                {t(pm.turnOff)}
              </Button>
            </div>
          </form>
        </>
      ) : enrollment.step === 'started' ? (
        <div className="mfa-setup">
          <QrCode text={enrollment.otpauthUrl} label={t(pm.qrLabel)} className="qr-code" />
          <div className="mfa-setup-text">
            <p>{t(pm.scan)}</p>
            <div>
              <p className="muted">{t(pm.key)}</p>
              <div className="secret-box">
                <code className="secret-value">{enrollment.secret}</code>
                <CopyButton text={enrollment.secret} label={t(pm.copyKey)} />
              </div>
            </div>
            <details>
              <summary>{t(pm.setupLink)}</summary>
              <code className="secret-value">{enrollment.otpauthUrl}</code>
            </details>
            <form className="form" onSubmit={submitCode}>
              <TextField label={t(pm.codeFromApp)} name="code" inputMode="numeric" autoComplete="one-time-code" required pattern="[0-9 ]{6,8}" />
              <Notice>{error}</Notice>
              <div className="button-row">
                <Button type="submit" variant="primary" busy={confirming.loading}>
                  {t(pm.turnOn)}
                </Button>
                <Button variant="ghost" onClick={() => setEnrollment({ step: 'idle' })}>
                  {t(m.cancel)}
                </Button>
              </div>
            </form>
          </div>
        </div>
      ) : (
        <>
          {disabled ? <Notice tone="info">{t(pm.twoFactorOff)}</Notice> : null}
          <p>{t(pm.addSecondStep)}</p>
          <Notice>{error}</Notice>
          <div className="button-row">
            <Button variant="primary" busy={starting.loading} onClick={() => void begin()}>
              {t(pm.setUp)}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
