import { idempotencySql, outboxSql, tenantIsolationSql, type Migration } from '@cellgraph/kernel';

const tenant = (...tables: string[]) => tables.map((table) => tenantIsolationSql('collaboration', table)).join('\n');
/** An entity of any subgraph: its type and uuid (together, its global id). */
const node = (prefix = 'node') => `${prefix}_type text NOT NULL CHECK (${prefix}_type ~ '^[A-Z][A-Za-z0-9]{0,63}$'),\n  ${prefix}_id uuid NOT NULL`;

export const init: Migration = {
  id: '0001-init',
  sql: `
CREATE TABLE collaboration.comments (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  ${node()},
  parent_id uuid REFERENCES collaboration.comments (id),
  author_id uuid NOT NULL,
  body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 10000),
  mentions uuid[] NOT NULL DEFAULT '{}',
  edited_at timestamptz,
  deleted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comments_node_idx ON collaboration.comments (org_id, node_id, created_at, id) WHERE parent_id IS NULL;
CREATE INDEX comments_parent_idx ON collaboration.comments (org_id, parent_id, created_at, id) WHERE parent_id IS NOT NULL;
CREATE INDEX comments_node_all_idx ON collaboration.comments (org_id, node_id, created_at DESC, id DESC);

CREATE TABLE collaboration.links (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  ${node('source')},
  ${node('target')},
  relationship text NOT NULL CHECK (relationship ~ '^[a-z][a-z0-9_]{0,49}$'),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, source_id, target_id, relationship),
  CHECK (source_id <> target_id)
);
CREATE INDEX links_target_idx ON collaboration.links (org_id, target_id);

-- Each link seen from each of its two ends, so a node's links (both directions) page by one index.
CREATE TABLE collaboration.link_ends (
  id uuid PRIMARY KEY,
  link_id uuid NOT NULL REFERENCES collaboration.links (id) ON DELETE CASCADE,
  org_id uuid NOT NULL,
  ${node()},
  ${node('other')},
  direction text NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
  relationship text NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX link_ends_node_idx ON collaboration.link_ends (org_id, node_id, created_at, id);

CREATE TABLE collaboration.tags (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 50),
  color text NOT NULL DEFAULT '#6b7280' CHECK (color ~ '^#[0-9a-fA-F]{6}$'),
  category text CHECK (char_length(category) <= 50),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tags_name_key ON collaboration.tags (org_id, lower(name));

CREATE TABLE collaboration.taggings (
  tag_id uuid NOT NULL REFERENCES collaboration.tags (id) ON DELETE CASCADE,
  org_id uuid NOT NULL,
  ${node()},
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tag_id, node_id)
);
CREATE INDEX taggings_node_idx ON collaboration.taggings (org_id, node_id);

-- Every module's events about an entity, as they arrive (at least once: the event id is the key).
CREATE TABLE collaboration.activities (
  event_id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  ${node()},
  type text NOT NULL,
  actor_id uuid,
  data jsonb NOT NULL DEFAULT '{}',
  occurred_at timestamptz NOT NULL
);
CREATE INDEX activities_node_idx ON collaboration.activities (org_id, node_id, occurred_at DESC, event_id DESC);
CREATE INDEX activities_actor_idx ON collaboration.activities (org_id, actor_id, occurred_at DESC, event_id DESC);

-- What each module reports in and out of its trash; changed_at orders events that arrive out of order.
CREATE TABLE collaboration.trash (
  node_id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  node_type text NOT NULL,
  title text,
  deleted boolean NOT NULL,
  deleted_by uuid,
  changed_at timestamptz NOT NULL
);
CREATE INDEX trash_deleted_idx ON collaboration.trash (org_id, changed_at DESC, node_id) WHERE deleted;

${tenant('comments', 'links', 'link_ends', 'tags', 'taggings', 'activities', 'trash')}
${outboxSql('collaboration')}
${idempotencySql('collaboration')}
`,
};
