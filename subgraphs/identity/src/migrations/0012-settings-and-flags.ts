import { CURRENT_USER_SQL, tenantIsolationSql, type Migration } from '@cellgraph/kernel';

const IS_PLATFORM_ADMIN_SQL = `EXISTS (SELECT 1 FROM identity.platform_admins a WHERE a.user_id = ${CURRENT_USER_SQL})`;

/**
 * Settings (the values of every module's settings namespaces, per organization and per user within
 * it: tenant data), platform administrators (outside any organization; granted by the
 * `platform-admin` command as the database's administrator, each user sees only their own row) and
 * the cell's feature flags (not tenant data: every session reads them, only a platform
 * administrator's session changes them).
 */
export const settingsAndFlags: Migration = {
  id: '0012-settings-and-flags',
  sql:
    `
CREATE TABLE identity.settings (
  org_id uuid NOT NULL REFERENCES identity.organizations (id) ON DELETE CASCADE,
  scope text NOT NULL CHECK (scope IN ('organization', 'user')),
  scope_id uuid NOT NULL,
  namespace text NOT NULL CHECK (char_length(namespace) <= 40),
  value jsonb NOT NULL CHECK (jsonb_typeof(value) = 'object'),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  PRIMARY KEY (org_id, namespace, scope, scope_id)
);
` +
    tenantIsolationSql('identity', 'settings') +
    `
CREATE TABLE identity.platform_admins (
  user_id uuid PRIMARY KEY REFERENCES identity.users (id) ON DELETE CASCADE,
  granted_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE identity.platform_admins ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity.platform_admins FORCE ROW LEVEL SECURITY;
CREATE POLICY platform_admins_own ON identity.platform_admins FOR SELECT USING (user_id = ${CURRENT_USER_SQL});

CREATE TABLE identity.feature_flags (
  key text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_.-]{1,79}$'),
  description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 500),
  default_enabled boolean NOT NULL,
  rules jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(rules) = 'array'),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid
);
ALTER TABLE identity.feature_flags ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity.feature_flags FORCE ROW LEVEL SECURITY;
CREATE POLICY feature_flags_read ON identity.feature_flags FOR SELECT USING (true);
CREATE POLICY feature_flags_manage ON identity.feature_flags FOR ALL USING (${IS_PLATFORM_ADMIN_SQL}) WITH CHECK (${IS_PLATFORM_ADMIN_SQL});
`,
};
