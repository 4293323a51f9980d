import {
  eventInboxSql,
  idempotencySql,
  outboxActorApiKeySql,
  outboxMaintenanceSql,
  outboxRequestOriginSql,
  outboxTableSql,
  outboxTraceContextSql,
  tenantIsolationSql,
  trashSweepAccessSql,
  type Migration,
} from '@cellgraph/kernel';

/*
 * The search schema: the index (one document per object of every module, fed by their
 * `search.document_*` events), each user's recent and saved searches, all under tenant isolation,
 * and what every module has — outbox, inbox, idempotency keys, the trash sweep's view.
 *
 * pg_trgm and unaccent live in this schema (created by the migrating admin connection: the owner
 * role may not create extensions; the same connection marks the two search operators LEAKPROOF). `search.normalize` is unaccent + lower case, declared IMMUTABLE
 * (unaccent() is only STABLE because its dictionary could change) so generated columns can use it.
 * A document's `version` is the uuidv7 of the event that carried it: an older one never overwrites
 * a newer one. `deleted` (in the owner's trash) and `removed` (purged: a tombstone without content
 * that keeps the version, so a late older event cannot bring it back) are never found.
 */
export const init: Migration = {
  id: '0001-init',
  extensions: ['pg_trgm', 'unaccent'],
  // Under row-level security Postgres uses an operator as an index condition only when its function
  // is LEAKPROOF (else it must run after the tenant policy: a sequential scan). Text search's match
  // and pg_trgm's word similarity raise no error that depends on a row's value.
  adminSql: `ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) LEAKPROOF;
ALTER FUNCTION search.word_similarity_commutator_op(text, text) LEAKPROOF;`,
  sql:
    `
CREATE FUNCTION search.normalize(value text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT lower(search.unaccent('search.unaccent'::regdictionary, value)) $$;

CREATE TABLE search.documents (
  org_id uuid NOT NULL,
  id text NOT NULL,
  type text NOT NULL,
  module text NOT NULL,
  title text NOT NULL DEFAULT '',
  body text NOT NULL DEFAULT '',
  deleted boolean NOT NULL DEFAULT false,
  removed boolean NOT NULL DEFAULT false,
  version uuid NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  title_key text GENERATED ALWAYS AS (search.normalize(title)) STORED,
  terms tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, search.normalize(title)), 'A') ||
    setweight(to_tsvector('english'::regconfig, search.normalize(body)), 'B')
  ) STORED,
  PRIMARY KEY (org_id, id)
);
-- What a search reads: the words (ts_rank_cd) and the title's trigrams (typos), findable rows only.
CREATE INDEX documents_terms_idx ON search.documents USING gin (terms) WHERE NOT deleted AND NOT removed;
CREATE INDEX documents_title_trgm_idx ON search.documents USING gin (title_key search.gin_trgm_ops) WHERE NOT deleted AND NOT removed;
` +
    tenantIsolationSql('search', 'documents') +
    `
CREATE TABLE search.recent_searches (
  org_id uuid NOT NULL,
  user_id uuid NOT NULL,
  query text NOT NULL CHECK (char_length(query) BETWEEN 1 AND 200),
  types text[] NOT NULL DEFAULT '{}',
  searched_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id, query, types)
);
CREATE INDEX recent_searches_user_idx ON search.recent_searches (org_id, user_id, searched_at DESC);
` +
    tenantIsolationSql('search', 'recent_searches') +
    `
CREATE TABLE search.saved_searches (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  query text NOT NULL CHECK (char_length(query) BETWEEN 1 AND 200),
  types text[] NOT NULL DEFAULT '{}',
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CONSTRAINT saved_searches_org_id_id_key UNIQUE (org_id, id)
);
CREATE INDEX saved_searches_owner_idx ON search.saved_searches (org_id, created_by, created_at DESC, id DESC) WHERE deleted_at IS NULL;
` +
    tenantIsolationSql('search', 'saved_searches') +
    outboxTableSql('search') +
    outboxActorApiKeySql('search') +
    outboxTraceContextSql('search') +
    outboxRequestOriginSql('search') +
    outboxMaintenanceSql('search') +
    eventInboxSql('search') +
    idempotencySql('search') +
    trashSweepAccessSql('search', 'saved_searches'),
};
