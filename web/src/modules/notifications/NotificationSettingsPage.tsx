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

/** The event types people are notified of (the notifications subgraph's routes), by module. */
export const EVENT_TYPES: readonly { event: string; label: string }[] = [
  { event: '*', label: 'Every event (default)' },
  { event: 'task.assigned', label: 'A task is assigned to you' },
  { event: 'task.status_changed', label: 'A task you watch changes status' },
  { event: 'task.completed', label: 'A task you watch is completed' },
  { event: 'task.unblocked', label: 'A task you watch is unblocked' },
  { event: 'task.checklist_completed', label: 'A task’s checklist is completed' },
  { event: 'task.deleted', label: 'A task you watch is deleted' },
  { event: 'user.mentioned', label: 'You are mentioned' },
  { event: 'contact.assigned', label: 'A contact is assigned to you' },
  { event: 'deal.assigned', label: 'A deal is assigned to you' },
  { event: 'automation.notification_requested', label: 'An automation notifies you' },
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
  { key: 'inApp', label: 'In-app' },
  { key: 'email', label: 'E-mail' },
  { key: 'push', label: 'Push' },
  { key: 'muted', label: 'Mute' },
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

const FREQUENCIES: { value: EmailFrequency; label: string }[] = [
  { value: 'IMMEDIATE', label: 'Right away, one e-mail each' },
  { value: 'HOURLY', label: 'An hourly digest' },
  { value: 'DAILY', label: 'A daily digest' },
];

/** Settings → Notifications: channels per event type, and how often e-mail comes. */
export function NotificationSettingsPage() {
  const { data, loading, error, refetch } = useQuery(NotificationsPreferencesQuery);
  const [setPreference] = useMutation(NotificationsPreferenceSetMutation);
  const [deletePreference] = useMutation(NotificationsPreferenceDeleteMutation);
  const [updateSettings, updating] = useMutation(NotificationsSettingsUpdateMutation);
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [busyEvent, setBusyEvent] = useState<string | null>(null);
  const preferences: Preference[] = data?.notificationPreferences ?? [];
  const own = new Set(preferences.map((preference) => preference.event));
  const rows = [
    ...EVENT_TYPES,
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
    void run(event, async () => (await setPreference({ variables: { input } })).data?.notificationPreferenceSet?.userErrors, `Saved: ${label}.`);
  }

  function reset(event: string, label: string) {
    void run(
      event,
      async () => (await deletePreference({ variables: { input: { event } } })).data?.notificationPreferenceDelete?.userErrors,
      `${label}: back to the default.`,
    );
  }

  async function changeFrequency(emailFrequency: EmailFrequency) {
    setMessage(null);
    try {
      const result = await updateSettings({ variables: { input: { emailFrequency } } });
      const failure = describeUserErrors(result.data?.notificationSettingsUpdate?.userErrors);
      setMessage(failure ? { tone: 'error', text: failure } : { tone: 'success', text: 'E-mail frequency saved.' });
    } catch (caught) {
      setMessage({ tone: 'error', text: describeError(caught) });
    }
  }

  return (
    <>
      <PageHeader title="Notifications" subtitle="Choose how you hear about each kind of event." />
      {error && !data ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : (
        <>
          {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
          <section className="settings-section" aria-labelledby="notification-email">
            <h2 id="notification-email">E-mail</h2>
            <div className="settings-form">
              <SelectField
                label="Send notification e-mails"
                value={data?.notificationSettings?.emailFrequency ?? 'IMMEDIATE'}
                disabled={updating.loading}
                onChange={(event) => void changeFrequency(event.target.value as EmailFrequency)}
                hint="Digests gather what happened since the last one into one e-mail."
              >
                {FREQUENCIES.map((frequency) => (
                  <option key={frequency.value} value={frequency.value}>
                    {frequency.label}
                  </option>
                ))}
              </SelectField>
            </div>
          </section>
          <section className="settings-section" aria-labelledby="notification-events">
            <h2 id="notification-events">Events</h2>
            <p className="muted">An event without its own choice follows “Every event”. Muted events notify you nowhere.</p>
            <div className="table-scroll">
              <table className="preference-table" aria-labelledby="notification-events">
                <thead>
                  <tr>
                    <th scope="col">Event</th>
                    {CHANNELS.map((channel) => (
                      <th key={channel.key} scope="col">
                        {channel.label}
                      </th>
                    ))}
                    <th scope="col">
                      <span className="sr-only">Reset</span>
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
                          <small className="muted">{own.has(row.event) ? 'Your choice' : 'Default'}</small>
                        </th>
                        {CHANNELS.map((channel) => (
                          <td key={channel.key}>
                            <input
                              type="checkbox"
                              aria-label={`${channel.label}: ${row.label}`}
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
                              aria-label={`Reset ${row.label}`}
                            >
                              Reset
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
