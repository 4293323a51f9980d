import { outboxActorApiKeySql, type Migration } from '@cellgraph/kernel';

/** Events record the API key that acted, beside the user who created it. */
export const outboxActorApiKey: Migration = { id: '0006-outbox-actor-api-key', sql: outboxActorApiKeySql('tasks') };
