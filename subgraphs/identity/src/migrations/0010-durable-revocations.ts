import { maintenanceAccessSql, type Migration } from '@cellgraph/kernel';

/**
 * Revocations are recorded here, not only in Redis: sessions already carry `revoked_at`; a user's
 * token generation ("sign out everywhere") moves from a Redis counter to `users.token_generation`,
 * with the time it was last raised. The maintenance role reads the revoked rows of every user (ids
 * and these columns only) to rebuild the gateway's revocation cache.
 */
export const durableRevocations: Migration = {
  id: '0010-durable-revocations',
  sql:
    `
ALTER TABLE identity.users
  ADD COLUMN token_generation integer NOT NULL DEFAULT 0,
  ADD COLUMN tokens_revoked_at timestamptz;
CREATE INDEX users_tokens_revoked_at_idx ON identity.users (tokens_revoked_at) WHERE tokens_revoked_at IS NOT NULL;
CREATE INDEX sessions_revoked_at_idx ON identity.sessions (revoked_at) WHERE revoked_at IS NOT NULL;
` +
    maintenanceAccessSql('identity', 'users', { policy: 'revocation_list', select: ['id', 'token_generation', 'tokens_revoked_at'], rows: 'tokens_revoked_at IS NOT NULL' }) +
    maintenanceAccessSql('identity', 'sessions', { policy: 'revocation_list', select: ['id', 'revoked_at'], rows: 'revoked_at IS NOT NULL' }),
};
