import type { Migration } from '@cellgraph/kernel';

/** A key's own request limit per rate-limit window; null keeps the cell's default. */
export const apiKeyRateLimit: Migration = {
  id: '0005-api-key-rate-limit',
  sql: 'ALTER TABLE identity.api_keys ADD COLUMN rate_limit integer CHECK (rate_limit BETWEEN 1 AND 100000);',
};
