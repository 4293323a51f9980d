import type { Migration } from '@cellgraph/kernel';

/**
 * The lists' orderings end in `id` (the keyset tie-breaker): the indexes carry it, so a page is one
 * index range scan. Boards list oldest first; a user's assigned tasks newest first. Each replaces an
 * index it extends. Idempotent (IF [NOT] EXISTS).
 */
export const listIndexes: Migration = {
  id: '0011-list-indexes',
  sql: `
CREATE INDEX IF NOT EXISTS boards_org_created_idx ON tasks.boards (org_id, created_at, id) WHERE deleted_at IS NULL;
DROP INDEX IF EXISTS tasks.boards_org_idx;
CREATE INDEX IF NOT EXISTS tasks_assignee_created_idx ON tasks.tasks (org_id, assignee_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
DROP INDEX IF EXISTS tasks.tasks_org_assignee_idx;
`,
};
