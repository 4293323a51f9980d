import { nodeTagsSql, type Migration } from '@cellgraph/kernel';

/** Collaboration's tags on contacts and deals, projected here so that their lists filter by tag. */
export const nodeTags: Migration = { id: '0004-node-tags', sql: nodeTagsSql('crm') };
