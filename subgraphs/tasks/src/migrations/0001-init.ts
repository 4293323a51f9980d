import { tenantIsolationSql, type Migration } from '@cellgraph/kernel';

export const init: Migration = {
  id: '0001-init',
  sql: `
CREATE TABLE tasks.tasks (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 500),
  description text,
  status text NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'done', 'canceled')),
  priority text CHECK (priority IN ('urgent', 'high', 'medium', 'low')),
  due_date timestamptz,
  assignee_id uuid,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX tasks_org_created_idx ON tasks.tasks (org_id, created_at DESC, id) WHERE deleted_at IS NULL;
CREATE INDEX tasks_org_assignee_idx ON tasks.tasks (org_id, assignee_id, created_at DESC) WHERE deleted_at IS NULL;
${tenantIsolationSql('tasks', 'tasks')}
`,
};
