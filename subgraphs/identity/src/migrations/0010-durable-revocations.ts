import { CURRENT_USER_SQL, maintenanceAccessSql, type Migration } from '@cellgraph/kernel';

/**
 * Revocations are recorded here, not only in Redis: sessions already carry `revoked_at`; a user's
 * token generation ("sign out everywhere") moves from a Redis counter to `token_generations`, with
 * the time it was last raised. The maintenance role reads the recent ones of every user (ids,
 * generations and times only) to rebuild the gateway's revocation cache.
 */
export const durableRevocations: Migration = {
  id: '0010-durable-revocations',
  sql:
    `
CREATE TABLE identity.token_generations (
  user_id uuid PRIMARY KEY REFERENCES identity.users (id) ON DELETE CASCADE,
  generation integer NOT NULL,
  raised_at timestamptz NOT NULL
);
CREATE INDEX token_generations_raised_at_idx ON identity.token_generations (raised_at);
CREATE INDEX sessions_revoked_at_idx ON identity.sessions (revoked_at) WHERE revoked_at IS NOT NULL;
ALTER TABLE identity.token_generations ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity.token_generations FORCE ROW LEVEL SECURITY;
CREATE POLICY token_generations_own ON identity.token_generations USING (user_id = ${CURRENT_USER_SQL}) WITH CHECK (user_id = ${CURRENT_USER_SQL});
` +
    maintenanceAccessSql('identity', 'token_generations', { policy: 'revocation_list', select: ['user_id', 'generation', 'raised_at'] }) +
    maintenanceAccessSql('identity', 'sessions', { policy: 'revocation_list', select: ['id', 'revoked_at'], rows: 'revoked_at IS NOT NULL' }),
};
