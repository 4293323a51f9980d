import { outboxSql, tenantIsolationSql, type Migration } from '@cellgraph/kernel';

const tenant = (...tables: string[]) => tables.map((table) => tenantIsolationSql('tasks', table)).join('\n');
const STATUS = "('todo', 'in_progress', 'done', 'canceled')";

/*
 * The full tasks module: boards and columns, positions (fractional keys, compared byte-wise with
 * COLLATE "C"), hierarchy, checklists, dependencies, watchers, recurrences, time entries,
 * automations, and the outbox of task events.
 */
export const moduleTables: Migration = {
  id: '0002-module',
  sql: `
CREATE TABLE tasks.boards (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  view_type text NOT NULL DEFAULT 'kanban' CHECK (view_type IN ('kanban', 'list', 'calendar', 'gantt')),
  config jsonb NOT NULL DEFAULT '{}',
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX boards_org_idx ON tasks.boards (org_id, created_at) WHERE deleted_at IS NULL;

CREATE TABLE tasks.columns (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  board_id uuid NOT NULL REFERENCES tasks.boards (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  position text COLLATE "C" NOT NULL,
  color text CHECK (color ~ '^#[0-9a-fA-F]{6}$'),
  wip_limit integer CHECK (wip_limit > 0),
  status text CHECK (status IN ${STATUS}),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (board_id, position)
);

ALTER TABLE tasks.tasks
  ADD COLUMN start_date timestamptz,
  ADD COLUMN board_id uuid REFERENCES tasks.boards (id),
  ADD COLUMN column_id uuid REFERENCES tasks.columns (id) ON DELETE SET NULL,
  ADD COLUMN position text COLLATE "C",
  ADD COLUMN parent_id uuid REFERENCES tasks.tasks (id),
  ADD COLUMN metadata jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN completed_at timestamptz,
  ADD CONSTRAINT tasks_not_own_parent CHECK (parent_id <> id);
CREATE UNIQUE INDEX tasks_column_position_key ON tasks.tasks (column_id, position) WHERE column_id IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX tasks_parent_idx ON tasks.tasks (parent_id) WHERE deleted_at IS NULL;
CREATE INDEX tasks_board_idx ON tasks.tasks (board_id) WHERE deleted_at IS NULL;
CREATE INDEX tasks_dates_idx ON tasks.tasks (org_id, start_date, due_date) WHERE deleted_at IS NULL;

CREATE TABLE tasks.checklists (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  task_id uuid NOT NULL REFERENCES tasks.tasks (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 500),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX checklists_task_idx ON tasks.checklists (task_id);

CREATE TABLE tasks.checklist_items (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  checklist_id uuid NOT NULL REFERENCES tasks.checklists (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 500),
  done boolean NOT NULL DEFAULT false,
  done_at timestamptz,
  position text COLLATE "C" NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (checklist_id, position)
);

CREATE TABLE tasks.dependencies (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  task_id uuid NOT NULL REFERENCES tasks.tasks (id) ON DELETE CASCADE,
  depends_on_id uuid NOT NULL REFERENCES tasks.tasks (id) ON DELETE CASCADE,
  type text NOT NULL CHECK (type IN ('finish_to_start', 'start_to_start', 'finish_to_finish')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (task_id, depends_on_id),
  CHECK (task_id <> depends_on_id)
);
CREATE INDEX dependencies_depends_on_idx ON tasks.dependencies (depends_on_id);

CREATE TABLE tasks.watchers (
  task_id uuid NOT NULL REFERENCES tasks.tasks (id) ON DELETE CASCADE,
  user_id uuid NOT NULL,
  org_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (task_id, user_id)
);

CREATE TABLE tasks.recurrences (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 500),
  description text,
  priority text CHECK (priority IN ('urgent', 'high', 'medium', 'low')),
  board_id uuid REFERENCES tasks.boards (id),
  column_id uuid REFERENCES tasks.columns (id) ON DELETE SET NULL,
  cron text NOT NULL,
  timezone text NOT NULL DEFAULT 'UTC',
  assignee_strategy text NOT NULL CHECK (assignee_strategy IN ('same', 'rotate', 'round_robin')),
  assignee_ids uuid[] NOT NULL DEFAULT '{}',
  next_assignee_index integer NOT NULL DEFAULT 0,
  next_run_at timestamptz,
  active boolean NOT NULL DEFAULT true,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX recurrences_due_idx ON tasks.recurrences (next_run_at) WHERE active AND deleted_at IS NULL;

CREATE TABLE tasks.recurrence_runs (
  recurrence_id uuid NOT NULL REFERENCES tasks.recurrences (id) ON DELETE CASCADE,
  due_at timestamptz NOT NULL,
  org_id uuid NOT NULL,
  -- claimed before its task is inserted, in the same transaction
  task_id uuid NOT NULL REFERENCES tasks.tasks (id) DEFERRABLE INITIALLY DEFERRED,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (recurrence_id, due_at)
);

CREATE TABLE tasks.time_entries (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  task_id uuid NOT NULL REFERENCES tasks.tasks (id) ON DELETE CASCADE,
  user_id uuid NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  billable boolean NOT NULL DEFAULT false,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE UNIQUE INDEX time_entries_one_running_key ON tasks.time_entries (org_id, user_id) WHERE ended_at IS NULL;
CREATE INDEX time_entries_period_idx ON tasks.time_entries (org_id, started_at);

CREATE TABLE tasks.automations (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  board_id uuid NOT NULL REFERENCES tasks.boards (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  trigger text NOT NULL,
  conditions jsonb NOT NULL DEFAULT '[]',
  actions jsonb NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX automations_board_idx ON tasks.automations (board_id, trigger) WHERE active;

CREATE TABLE tasks.automation_runs (
  automation_id uuid NOT NULL REFERENCES tasks.automations (id) ON DELETE CASCADE,
  event_id uuid NOT NULL,
  org_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (automation_id, event_id)
);

${tenant('boards', 'columns', 'checklists', 'checklist_items', 'dependencies', 'watchers', 'recurrences', 'recurrence_runs', 'time_entries', 'automations', 'automation_runs')}
-- The recurrence sweeper finds due recurrences of every organization (read only).
CREATE POLICY recurrences_scheduler ON tasks.recurrences FOR SELECT USING (current_setting('app.scheduler', true) = 'on');
${outboxSql('tasks')}
`,
};
