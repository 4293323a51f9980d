import { nodeTagsSql, type Migration } from '@cellgraph/kernel';

/** Collaboration's tags on tasks, projected here so that task lists filter by tag. */
export const nodeTags: Migration = { id: '0005-node-tags', sql: nodeTagsSql('tasks') };
