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

/** Your name, picture, time zone and language; your password; two-factor authentication. */
export function ProfilePage() {
  const { data, loading, error, refetch } = useQuery(SettingsProfileQuery);
  const me = data?.me;
  return (
    <>
      <PageHeader title="Profile" subtitle={me?.email} />
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
      <h2 id="profile-details">Details</h2>
      <form className="form settings-form" onSubmit={submit} onChange={() => setSaved(false)}>
        <TextField label="Name" name="name" defaultValue={me.name} required maxLength={100} autoComplete="name" error={fields.name} />
        <TextField
          label="Avatar URL"
          name="avatarUrl"
          type="url"
          defaultValue={me.avatarUrl ?? ''}
          placeholder="https://…"
          hint="An https address of a picture. Leave empty for your initials."
          error={fields.avatarUrl}
        />
        <div className="settings-grid">
          <SelectField label="Time zone" name="timeZone" defaultValue={me.timeZone ?? ''} error={fields.timeZone}>
            <option value="">This device’s</option>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Language and region"
            name="locale"
            defaultValue={me.locale ?? ''}
            placeholder="e.g. en-GB, fr-CA"
            hint="Leave empty for this device’s."
            error={fields.locale}
          />
        </div>
        <Notice>{error}</Notice>
        {saved ? <Notice tone="success">Your profile is saved.</Notice> : null}
        <div className="button-row">
          <Button type="submit" variant="primary" busy={loading}>
            Save profile
          </Button>
        </div>
      </form>
    </section>
  );
}

function PasswordForm() {
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
      setFields({ confirmPassword: 'The two new passwords differ.' });
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
      <h2 id="profile-password">Password</h2>
      <form className="form settings-form" onSubmit={submit}>
        <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={fields.currentPassword} />
        <TextField
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          hint="At least 12 characters, with an upper-case letter, a digit and a special character."
          error={fields.newPassword}
        />
        <TextField label="Confirm new password" name="confirmPassword" type="password" autoComplete="new-password" required error={fields.confirmPassword} />
        <Notice>{error}</Notice>
        {saved ? <Notice tone="success">Your password is changed. Your other sessions were signed out.</Notice> : null}
        <div className="button-row">
          <Button type="submit" variant="primary" busy={loading}>
            Change password
          </Button>
        </div>
      </form>
    </section>
  );
}

type Enrollment = { step: 'idle' } | { step: 'started'; secret: string; otpauthUrl: string } | { step: 'done'; backupCodes: string[] };

function TwoFactor({ enabled, onChange }: { enabled: boolean; onChange(): void }) {
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
      <h2 id="profile-mfa">Two-factor authentication</h2>
      {enrollment.step === 'done' ? (
        <>
          <Notice tone="success">Two-factor authentication is on.</Notice>
          <p>
            <strong>Save these backup codes now: they are shown this once.</strong> Each signs you in once if you lose your authenticator app.
          </p>
          <ul className="backup-codes" aria-label="Backup codes">
            {enrollment.backupCodes.map((code) => (
              <li key={code}>{code}</li>
            ))}
          </ul>
          <div className="button-row">
            <CopyButton text={enrollment.backupCodes.join('\n')} label="Copy backup codes" />
            <Button variant="primary" onClick={() => setEnrollment({ step: 'idle' })}>
              I have saved them
            </Button>
          </div>
        </>
      ) : enabled ? (
        <>
          <p>
            Two-factor authentication is <strong>on</strong>: signing in asks for a code from your authenticator app.
          </p>
          <form className="form settings-form" onSubmit={submitDisable}>
            <TextField
              label="Password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              hint="To turn two-factor authentication off."
            />
            <Notice>{error}</Notice>
            <div className="button-row">
              <Button type="submit" variant="danger" busy={disabling.loading}>
                Turn off two-factor authentication
              </Button>
            </div>
          </form>
        </>
      ) : enrollment.step === 'started' ? (
        <div className="mfa-setup">
          <QrCode text={enrollment.otpauthUrl} label="QR code to scan with your authenticator app" className="qr-code" />
          <div className="mfa-setup-text">
            <p>Scan the code with your authenticator app, or enter the key by hand.</p>
            <div>
              <p className="muted">Key</p>
              <div className="secret-box">
                <code className="secret-value">{enrollment.secret}</code>
                <CopyButton text={enrollment.secret} label="Copy key" />
              </div>
            </div>
            <details>
              <summary>Set-up link</summary>
              <code className="secret-value">{enrollment.otpauthUrl}</code>
            </details>
            <form className="form" onSubmit={submitCode}>
              <TextField label="Code from the app" name="code" inputMode="numeric" autoComplete="one-time-code" required pattern="[0-9 ]{6,8}" />
              <Notice>{error}</Notice>
              <div className="button-row">
                <Button type="submit" variant="primary" busy={confirming.loading}>
                  Turn on
                </Button>
                <Button variant="ghost" onClick={() => setEnrollment({ step: 'idle' })}>
                  Cancel
                </Button>
              </div>
            </form>
          </div>
        </div>
      ) : (
        <>
          {disabled ? <Notice tone="info">Two-factor authentication is off.</Notice> : null}
          <p>Add a second step to signing in: a code from an authenticator app on your phone.</p>
          <Notice>{error}</Notice>
          <div className="button-row">
            <Button variant="primary" busy={starting.loading} onClick={() => void begin()}>
              Set up two-factor authentication
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
