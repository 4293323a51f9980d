import { tenantIsolationSql, type Migration } from '@cellgraph/kernel';

/*
 * Avatars: one per member of an organization, a completed image file of that organization. The
 * avatar goes with its file when the file is purged (the foreign key cascades); a file in the trash
 * keeps its row but is not shown (User.avatar is null until it is restored).
 */
export const avatars: Migration = {
  id: '0003-avatars',
  sql:
    `
CREATE TABLE files.avatars (
  org_id uuid NOT NULL,
  user_id uuid NOT NULL,
  file_id uuid NOT NULL,
  set_by uuid NOT NULL,
  set_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id),
  FOREIGN KEY (org_id, file_id) REFERENCES files.files (org_id, id) ON DELETE CASCADE
);
CREATE INDEX avatars_file_idx ON files.avatars (org_id, file_id);
` + tenantIsolationSql('files', 'avatars'),
};
