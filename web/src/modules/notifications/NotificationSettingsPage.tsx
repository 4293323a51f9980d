import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { describeError, describeUserErrors } from '../../app/errors';
import type { EmailFrequency } from '../../gql/graphql';
import { PageHeader } from '../../ui/PageHeader';
import { Button, SelectField } from '../../ui/controls';
import { ErrorState, Loading, Notice } from '../../ui/states';
import {
  NotificationsPreferenceDeleteMutation,
  NotificationsPreferenceSetMutation,
  NotificationsPreferencesQuery,
  NotificationsSettingsUpdateMutation,
} from './operations';
import './notifications.css';
import { useT, type Message } from '../../app/i18n';
import { m, settingsMessages as s } from './messages';

/** The event types people are notified of (the notifications subgraph's routes), by module. */
export const EVENT_TYPES: readonly { event: string; label: Message }[] = [
  { event: '*', label: s.everyEvent },
  { event: 'task.assigned', label: s.taskAssigned },
  { event: 'task.status_changed', label: s.taskStatusChanged },
  { event: 'task.completed', label: s.taskCompleted },
  { event: 'task.unblocked', label: s.taskUnblocked },
  { event: 'task.checklist_completed', label: s.taskChecklistCompleted },
  { event: 'task.deleted', label: s.taskDeleted },
  { event: 'user.mentioned', label: s.userMentioned },
  { event: 'contact.assigned', label: s.contactAssigned },
  { event: 'deal.assigned', label: s.dealAssigned },
  { event: 'automation.notification_requested', label: s.automationRequested },
];

interface Choice {
  inApp: boolean;
  email: boolean;
  push: boolean;
  muted: boolean;
}
interface Preference extends Choice {
  event: string;
}
const DEFAULT_CHOICE: Choice = { inApp: true, email: true, push: false, muted: false };
const CHANNELS = [
  { key: 'inApp', label: s.inApp },
  { key: 'email', label: s.email },
  { key: 'push', label: s.push },
  { key: 'muted', label: s.mute },
] as const;

/** The preference that applies to `event`: its own, else the longest prefix (task.*), else *. */
export function effectiveChoice(preferences: readonly Preference[], event: string): Choice {
  let best: Preference | null = null;
  let bestScore = -1;
  for (const preference of preferences) {
    const pattern = preference.event;
    const score =
      pattern === event
        ? Number.MAX_SAFE_INTEGER
        : pattern === '*'
          ? 0
          : pattern.endsWith('.*') && event.startsWith(pattern.slice(0, -1))
            ? pattern.length
            : -1;
    if (score > bestScore) {
      best = preference;
      bestScore = score;
    }
  }
  return best ?? DEFAULT_CHOICE;
}

const FREQUENCIES: { value: EmailFrequency; label: Message }[] = [
  { value: 'IMMEDIATE', label: s.immediate },
  { value: 'HOURLY', label: s.hourly },
  { value: 'DAILY', label: s.daily },
];

/** Settings → Notifications: channels per event type, and how often e-mail comes. */
export function NotificationSettingsPage() {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(NotificationsPreferencesQuery);
  const [setPreference] = useMutation(NotificationsPreferenceSetMutation);
  const [deletePreference] = useMutation(NotificationsPreferenceDeleteMutation);
  const [updateSettings, updating] = useMutation(NotificationsSettingsUpdateMutation);
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [busyEvent, setBusyEvent] = useState<string | null>(null);
  const preferences: Preference[] = data?.notificationPreferences ?? [];
  const own = new Set(preferences.map((preference) => preference.event));
  const rows = [
    ...EVENT_TYPES.map((type) => ({ event: type.event, label: t(type.label) })),
    ...preferences.filter((p) => !EVENT_TYPES.some((type) => type.event === p.event)).map((p) => ({ event: p.event, label: p.event })),
  ];

  async function run(event: string, action: () => Promise<readonly { code?: string | null; message: string }[] | null | undefined>, success: string) {
    setMessage(null);
    setBusyEvent(event);
    try {
      const failure = describeUserErrors(await action());
      setMessage(failure ? { tone: 'error', text: failure } : { tone: 'success', text: success });
      if (!failure) await refetch();
    } catch (caught) {
      setMessage({ tone: 'error', text: describeError(caught) });
    } finally {
      setBusyEvent(null);
    }
  }

  function toggle(event: string, label: string, channel: keyof Choice, value: boolean) {
    const current = effectiveChoice(preferences, event);
    const input = { event, inApp: current.inApp, email: current.email, push: current.push, muted: current.muted, [channel]: value };
    void run(event, async () => (await setPreference({ variables: { input } })).data?.notificationPreferenceSet?.userErrors, t(s.saved, { label }));
  }

  function reset(event: string, label: string) {
    void run(
      event,
      async () => (await deletePreference({ variables: { input: { event } } })).data?.notificationPreferenceDelete?.userErrors,
      t(s.backToDefault, { label }),
    );
  }

  async function changeFrequency(emailFrequency: EmailFrequency) {
    setMessage(null);
    try {
      const result = await updateSettings({ variables: { input: { emailFrequency } } });
      const failure = describeUserErrors(result.data?.notificationSettingsUpdate?.userErrors);
      setMessage(failure ? { tone: 'error', text: failure } : { tone: 'success', text: t(s.frequencySaved) });
    } catch (caught) {
      setMessage({ tone: 'error', text: describeError(caught) });
    }
  }

  return (
    <>
      <PageHeader title={t(m.notifications)} subtitle={t(s.subtitle)} />
      {error && !data ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : (
        <>
          {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
          <section className="settings-section" aria-labelledby="notification-email">
            <h2 id="notification-email">{t(s.email)}</h2>
            <div className="settings-form">
              <SelectField
                label={t(s.sendEmails)}
                value={data?.notificationSettings?.emailFrequency ?? 'IMMEDIATE'}
                disabled={updating.loading}
                onChange={(event) => void changeFrequency(event.target.value as EmailFrequency)}
                hint={t(s.digestHint)}
              >
                {FREQUENCIES.map((frequency) => (
                  <option key={frequency.value} value={frequency.value}>
                    {t(frequency.label)}
                  </option>
                ))}
              </SelectField>
            </div>
          </section>
          <section className="settings-section" aria-labelledby="notification-events">
            <h2 id="notification-events">{t(s.events)}</h2>
            <p className="muted">{t(s.eventsHint)}</p>
            <div className="table-scroll">
              <table className="preference-table" aria-labelledby="notification-events">
                <thead>
                  <tr>
                    <th scope="col">{t(s.event)}</th>
                    {CHANNELS.map((channel) => (
                      <th key={channel.key} scope="col">
                        {t(channel.label)}
                      </th>
                    ))}
                    <th scope="col">
                      <span className="sr-only">{t(s.reset)}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => {
                    const choice = effectiveChoice(preferences, row.event);
                    const busy = busyEvent === row.event;
                    return (
                      <tr key={row.event} aria-busy={busy || undefined}>
                        <th scope="row">
                          <span className="preference-event">{row.label}</span>
                          <small className="muted">{own.has(row.event) ? t(s.yourChoice) : t(s.default)}</small>
                        </th>
                        {CHANNELS.map((channel) => (
                          <td key={channel.key}>
                            <input
                              type="checkbox"
                              aria-label={t(s.channelFor, { channel: t(channel.label), event: row.label })}
                              checked={choice[channel.key]}
                              disabled={busy || (channel.key !== 'muted' && choice.muted)}
                              onChange={(event) => toggle(row.event, row.label, channel.key, event.target.checked)}
                            />
                          </td>
                        ))}
                        <td>
                          {own.has(row.event) ? (
                            <Button
                              className="button-small"
                              variant="ghost"
                              disabled={busy}
                              onClick={() => reset(row.event, row.label)}
                              aria-label={t(s.resetEvent, { event: row.label })}
                            >
                              {t(s.reset)}
                            </Button>
                          ) : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}
