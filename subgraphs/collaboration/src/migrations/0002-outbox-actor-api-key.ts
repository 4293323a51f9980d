import { outboxActorApiKeySql, type Migration } from '@cellgraph/kernel';

/** Events and the activity feed record the API key that acted, beside the user who created it. */
export const outboxActorApiKey: Migration = {
  id: '0002-outbox-actor-api-key',
  sql: `${outboxActorApiKeySql('collaboration')}
ALTER TABLE collaboration.activities ADD COLUMN actor_api_key_id uuid, ADD COLUMN actor_api_key_name text;
`,
};
