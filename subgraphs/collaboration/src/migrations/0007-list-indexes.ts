import type { Migration } from '@cellgraph/kernel';

/**
 * The tags of a page of objects are read by node: with the tag id in the index the taggings come
 * from an index-only scan. Replaces the index it extends. Idempotent (IF [NOT] EXISTS).
 */
export const listIndexes: Migration = {
  id: '0007-list-indexes',
  sql: `
CREATE INDEX IF NOT EXISTS taggings_node_tag_idx ON collaboration.taggings (org_id, node_id, tag_id);
DROP INDEX IF EXISTS collaboration.taggings_node_idx;
`,
};
