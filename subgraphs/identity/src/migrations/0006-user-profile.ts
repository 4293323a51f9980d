import type { Migration } from '@cellgraph/kernel';

/** What a user may change about themselves besides their name (userUpdate). */
export const userProfile: Migration = {
  id: '0006-user-profile',
  sql: `
ALTER TABLE identity.users
  ADD COLUMN avatar_url text CHECK (char_length(avatar_url) <= 1000),
  ADD COLUMN time_zone text CHECK (char_length(time_zone) <= 64),
  ADD COLUMN locale text CHECK (char_length(locale) <= 35);
`,
};
