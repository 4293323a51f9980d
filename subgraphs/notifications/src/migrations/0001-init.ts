import { outboxSql, tenantIsolationSql, type Migration } from '@cellgraph/kernel';

const tenant = (...tables: string[]) => tables.map((table) => tenantIsolationSql('notifications', table)).join('\n');

/** An event type (`task.assigned`), a prefix of event types (`task.*`) or every event (`*`). */
export const EVENT_PATTERN_SQL = `'^(\\*|[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*(\\.\\*)?)$'`;

export const init: Migration = {
  id: '0001-init',
  sql: `
-- One row per (event, recipient): a redelivered event inserts nothing. in_app = false rows exist
-- only to carry an e-mail or push (the recipient turned the in-app channel off for that event).
CREATE TABLE notifications.notifications (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  recipient_id uuid NOT NULL,
  event_id uuid NOT NULL,
  event_type text NOT NULL CHECK (char_length(event_type) BETWEEN 1 AND 100),
  subject_type text CHECK (subject_type ~ '^[A-Z][A-Za-z0-9]*$'),
  subject_id uuid,
  actor_id uuid,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  body text NOT NULL DEFAULT '' CHECK (char_length(body) <= 2000),
  in_app boolean NOT NULL DEFAULT true,
  read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (event_id, recipient_id)
);
CREATE INDEX notifications_recipient_idx ON notifications.notifications (org_id, recipient_id, created_at DESC, id DESC) WHERE in_app;
CREATE INDEX notifications_unread_idx ON notifications.notifications (org_id, recipient_id) WHERE in_app AND read_at IS NULL;

-- A user's choices per event type, prefix (task.*) or for everything (*): the most specific wins.
CREATE TABLE notifications.preferences (
  org_id uuid NOT NULL,
  user_id uuid NOT NULL,
  event_pattern text NOT NULL CHECK (event_pattern ~ ${EVENT_PATTERN_SQL} AND char_length(event_pattern) <= 100),
  in_app boolean NOT NULL,
  email boolean NOT NULL,
  push boolean NOT NULL,
  muted boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id, event_pattern)
);

CREATE TABLE notifications.settings (
  org_id uuid NOT NULL,
  user_id uuid NOT NULL,
  email_frequency text NOT NULL DEFAULT 'immediate' CHECK (email_frequency IN ('immediate', 'hourly', 'daily')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id)
);

-- The e-mail (and push) log: one delivery per notification and channel. 'frequency' is the
-- recipient's e-mail frequency when the notification was made: immediate ones have a job each,
-- hourly and daily ones wait for their digest.
CREATE TABLE notifications.deliveries (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  notification_id uuid NOT NULL REFERENCES notifications.notifications (id) ON DELETE CASCADE,
  recipient_id uuid NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email', 'push')),
  frequency text NOT NULL CHECK (frequency IN ('immediate', 'hourly', 'daily')),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  address text CHECK (char_length(address) <= 320),
  subject text CHECK (char_length(subject) <= 500),
  detail text CHECK (char_length(detail) <= 1000),
  digest_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  UNIQUE (notification_id, channel)
);
CREATE INDEX deliveries_log_idx ON notifications.deliveries (org_id, created_at DESC, id DESC);
CREATE INDEX deliveries_pending_idx ON notifications.deliveries (frequency, org_id, recipient_id) WHERE status = 'queued' AND channel = 'email';

-- One digest per user, frequency and period: two workers or a rerun send one.
CREATE TABLE notifications.digests (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  user_id uuid NOT NULL,
  frequency text NOT NULL CHECK (frequency IN ('hourly', 'daily')),
  period_start timestamptz NOT NULL,
  notification_count int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, user_id, frequency, period_start)
);

-- Per-organization overrides of the system e-mail templates, by event type, prefix, * or 'digest'.
CREATE TABLE notifications.email_templates (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  event_type text NOT NULL CHECK ((event_type ~ ${EVENT_PATTERN_SQL} OR event_type = 'digest') AND char_length(event_type) <= 100),
  subject text NOT NULL CHECK (char_length(subject) BETWEEN 1 AND 500),
  html text NOT NULL CHECK (char_length(html) BETWEEN 1 AND 100000),
  text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 100000),
  updated_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, event_type)
);

-- Members' e-mail addresses and names, learnt from identity's membership.created events.
CREATE TABLE notifications.recipients (
  org_id uuid NOT NULL,
  user_id uuid NOT NULL,
  email text NOT NULL CHECK (char_length(email) <= 320),
  name text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id)
);

${tenant('notifications', 'preferences', 'settings', 'deliveries', 'digests', 'email_templates', 'recipients')}
-- The digest schedules find who has e-mail waiting in every organization (read only).
CREATE POLICY deliveries_digest_scheduler ON notifications.deliveries FOR SELECT USING (current_setting('app.digest_scheduler', true) = 'on');
${outboxSql('notifications')}
`,
};
