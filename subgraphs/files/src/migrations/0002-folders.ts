import { tenantIsolationSql, trashSweepAccessSql, type Migration } from '@cellgraph/kernel';

/*
 * Folders. A folder belongs to a tree whose owner (`owner_id`, the creator of its top-level folder)
 * reads it with the organization's owners and admins; a name is unique among the folders of one
 * parent (case-insensitive; at the top level, among the owner's), out of the trash. A folder moved
 * to the trash takes what is in it along: those rows carry `trashed_with`, the folder that was
 * deleted (on that folder itself, its own id), so restoring it brings back exactly what went with it.
 * Files get `folder_id` (null: the top level) and `trashed_with`; uploads in flight the folder they
 * go to. References are keyed by (org_id, id): another organization's folder cannot be named.
 */
export const folders: Migration = {
  id: '0002-folders',
  sql:
    `
CREATE TABLE files.folders (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 255),
  parent_id uuid,
  owner_id uuid NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  trashed_with uuid,
  CONSTRAINT folders_org_id_id_key UNIQUE (org_id, id),
  CONSTRAINT folders_parent_fkey FOREIGN KEY (org_id, parent_id) REFERENCES files.folders (org_id, id),
  CONSTRAINT folders_not_own_parent CHECK (parent_id <> id)
);
CREATE UNIQUE INDEX folders_name_key ON files.folders (org_id, coalesce(parent_id, owner_id), lower(name)) WHERE deleted_at IS NULL;
CREATE INDEX folders_parent_idx ON files.folders (org_id, parent_id, lower(name));
CREATE INDEX folders_trashed_with_idx ON files.folders (trashed_with) WHERE trashed_with IS NOT NULL;

ALTER TABLE files.files
  ADD COLUMN folder_id uuid,
  ADD COLUMN trashed_with uuid,
  ADD CONSTRAINT files_folder_fkey FOREIGN KEY (org_id, folder_id) REFERENCES files.folders (org_id, id);
CREATE INDEX files_org_folder_idx ON files.files (org_id, folder_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX files_trashed_with_idx ON files.files (trashed_with) WHERE trashed_with IS NOT NULL;

ALTER TABLE files.uploads ADD COLUMN folder_id uuid;
` +
    tenantIsolationSql('files', 'folders') +
    trashSweepAccessSql('files', 'folders'),
};
