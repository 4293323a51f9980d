import { CURRENT_ORG_SQL, CURRENT_USER_SQL, outboxTableSql, tenantIsolationSql, type Migration } from '@cellgraph/kernel';

/** Rows looked up by a secret's hash before the caller is known (refresh, reset, invitation, API key). */
const TOKEN_HASH_SQL = "nullif(current_setting('app.token_hash', true), '')";

/*
 * Sessions and their rotating refresh tokens, password resets, MFA, teams, invitations, API keys,
 * and the outbox of identity's (security) events. Secrets are stored only as hashes (tokens,
 * keys, backup codes) or encrypted (TOTP seeds).
 */
export const access: Migration = {
  id: '0002-access',
  sql: `
ALTER TABLE identity.users ADD COLUMN deactivated_at timestamptz;

CREATE TABLE identity.sessions (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
  org_id uuid REFERENCES identity.organizations (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user_idx ON identity.sessions (user_id) WHERE revoked_at IS NULL;

CREATE TABLE identity.refresh_tokens (
  id uuid PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES identity.sessions (id) ON DELETE CASCADE,
  user_id uuid NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE TABLE identity.password_resets (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE TABLE identity.mfa_factors (
  user_id uuid PRIMARY KEY REFERENCES identity.users (id) ON DELETE CASCADE,
  secret_sealed text NOT NULL,
  enabled_at timestamptz,
  last_used_step bigint,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE identity.mfa_backup_codes (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
  code_digest text NOT NULL,
  used_at timestamptz,
  UNIQUE (user_id, code_digest)
);

CREATE TABLE identity.teams (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES identity.organizations (id) ON DELETE CASCADE,
  name text NOT NULL,
  description text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE UNIQUE INDEX teams_name_key ON identity.teams (org_id, lower(name)) WHERE deleted_at IS NULL;

CREATE TABLE identity.team_members (
  team_id uuid NOT NULL REFERENCES identity.teams (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
  org_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('lead', 'member')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user_idx ON identity.team_members (org_id, user_id);

CREATE TABLE identity.invitations (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES identity.organizations (id) ON DELETE CASCADE,
  email text NOT NULL CHECK (email = lower(btrim(email))),
  role text NOT NULL CHECK (role IN ('admin', 'member', 'guest')),
  team_ids uuid[] NOT NULL DEFAULT '{}',
  token_hash text NOT NULL UNIQUE,
  invited_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  accepted_by uuid,
  revoked_at timestamptz
);
CREATE UNIQUE INDEX invitations_pending_key ON identity.invitations (org_id, email) WHERE accepted_at IS NULL AND revoked_at IS NULL;

CREATE TABLE identity.api_keys (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES identity.organizations (id) ON DELETE CASCADE,
  name text NOT NULL,
  prefix text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  scopes text[] NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);

ALTER TABLE identity.sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity.sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY sessions_own ON identity.sessions USING (user_id = ${CURRENT_USER_SQL}) WITH CHECK (user_id = ${CURRENT_USER_SQL});

ALTER TABLE identity.refresh_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity.refresh_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY refresh_tokens_own ON identity.refresh_tokens
  USING (user_id = ${CURRENT_USER_SQL} OR token_hash = ${TOKEN_HASH_SQL})
  WITH CHECK (user_id = ${CURRENT_USER_SQL});

ALTER TABLE identity.password_resets ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity.password_resets FORCE ROW LEVEL SECURITY;
CREATE POLICY password_resets_own ON identity.password_resets
  USING (user_id = ${CURRENT_USER_SQL} OR token_hash = ${TOKEN_HASH_SQL})
  WITH CHECK (user_id = ${CURRENT_USER_SQL});

ALTER TABLE identity.mfa_factors ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity.mfa_factors FORCE ROW LEVEL SECURITY;
CREATE POLICY mfa_factors_own ON identity.mfa_factors USING (user_id = ${CURRENT_USER_SQL}) WITH CHECK (user_id = ${CURRENT_USER_SQL});

ALTER TABLE identity.mfa_backup_codes ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity.mfa_backup_codes FORCE ROW LEVEL SECURITY;
CREATE POLICY mfa_backup_codes_own ON identity.mfa_backup_codes USING (user_id = ${CURRENT_USER_SQL}) WITH CHECK (user_id = ${CURRENT_USER_SQL});

${tenantIsolationSql('identity', 'teams')}
${tenantIsolationSql('identity', 'team_members')}

ALTER TABLE identity.invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity.invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY invitations_tenant ON identity.invitations
  USING (org_id = ${CURRENT_ORG_SQL} OR token_hash = ${TOKEN_HASH_SQL})
  WITH CHECK (org_id = ${CURRENT_ORG_SQL});

ALTER TABLE identity.api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity.api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY api_keys_tenant ON identity.api_keys
  USING (org_id = ${CURRENT_ORG_SQL} OR key_hash = ${TOKEN_HASH_SQL})
  WITH CHECK (org_id = ${CURRENT_ORG_SQL} OR key_hash = ${TOKEN_HASH_SQL});

${outboxTableSql('identity')}
`,
};
