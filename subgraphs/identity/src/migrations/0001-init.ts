import { CURRENT_ORG_SQL, CURRENT_USER_SQL, type Migration } from '@cellgraph/kernel';

/*
 * Users are global (one account, many organisations); organisations and memberships are the
 * tenancy. Row-level security on every table:
 *  - a user row is visible to itself, to members of an organisation it belongs to, and during
 *    sign-in to the lookup of exactly its e-mail (`app.auth_email`);
 *  - an organisation is visible when it is the current one or the current user belongs to it;
 *  - memberships are visible within the current organisation, and a user sees their own.
 */
export const init: Migration = {
  id: '0001-init',
  sql: `
CREATE TABLE identity.users (
  id uuid PRIMARY KEY,
  email text NOT NULL CHECK (email = lower(btrim(email))),
  name text NOT NULL,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON identity.users (email);

CREATE TABLE identity.organizations (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  slug text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE identity.memberships (
  org_id uuid NOT NULL REFERENCES identity.organizations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'guest')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user_id_idx ON identity.memberships (user_id);

ALTER TABLE identity.users ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity.users FORCE ROW LEVEL SECURITY;
CREATE POLICY users_select ON identity.users FOR SELECT USING (
  id = ${CURRENT_USER_SQL}
  OR email = nullif(current_setting('app.auth_email', true), '')
  OR EXISTS (SELECT 1 FROM identity.memberships m WHERE m.user_id = users.id AND m.org_id = ${CURRENT_ORG_SQL})
);
CREATE POLICY users_insert ON identity.users FOR INSERT WITH CHECK (id = ${CURRENT_USER_SQL});
CREATE POLICY users_update ON identity.users FOR UPDATE USING (id = ${CURRENT_USER_SQL}) WITH CHECK (id = ${CURRENT_USER_SQL});

ALTER TABLE identity.organizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity.organizations FORCE ROW LEVEL SECURITY;
CREATE POLICY organizations_select ON identity.organizations FOR SELECT USING (
  id = ${CURRENT_ORG_SQL}
  OR EXISTS (SELECT 1 FROM identity.memberships m WHERE m.org_id = organizations.id AND m.user_id = ${CURRENT_USER_SQL})
);
CREATE POLICY organizations_insert ON identity.organizations FOR INSERT WITH CHECK (id = ${CURRENT_ORG_SQL});
CREATE POLICY organizations_update ON identity.organizations FOR UPDATE USING (id = ${CURRENT_ORG_SQL}) WITH CHECK (id = ${CURRENT_ORG_SQL});

ALTER TABLE identity.memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity.memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY memberships_select ON identity.memberships FOR SELECT USING (org_id = ${CURRENT_ORG_SQL} OR user_id = ${CURRENT_USER_SQL});
CREATE POLICY memberships_insert ON identity.memberships FOR INSERT WITH CHECK (org_id = ${CURRENT_ORG_SQL});
CREATE POLICY memberships_update ON identity.memberships FOR UPDATE USING (org_id = ${CURRENT_ORG_SQL}) WITH CHECK (org_id = ${CURRENT_ORG_SQL});
CREATE POLICY memberships_delete ON identity.memberships FOR DELETE USING (org_id = ${CURRENT_ORG_SQL});
`,
};
