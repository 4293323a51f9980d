import { CURRENT_ORG_SQL, idempotencySql, outboxSql, tenantIsolationSql, type Migration } from '@cellgraph/kernel';

const tenant = (...tables: string[]) => tables.map((table) => tenantIsolationSql('crm', table)).join('\n');

export const init: Migration = {
  id: '0001-init',
  sql: `
CREATE TABLE crm.contact_fields (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  key text NOT NULL CHECK (key ~ '^[a-z][a-zA-Z0-9_]{0,62}$'),
  label text NOT NULL CHECK (char_length(label) BETWEEN 1 AND 200),
  type text NOT NULL CHECK (type IN ('text', 'number', 'boolean', 'date', 'select', 'multi_select', 'url', 'email')),
  options text[] NOT NULL DEFAULT '{}',
  required boolean NOT NULL DEFAULT false,
  position text COLLATE "C" NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, key)
);

CREATE TABLE crm.pipelines (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  type text NOT NULL CHECK (type IN ('deal', 'lead', 'onboarding')),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX pipelines_org_idx ON crm.pipelines (org_id, created_at, id) WHERE deleted_at IS NULL;

CREATE TABLE crm.pipeline_stages (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  pipeline_id uuid NOT NULL REFERENCES crm.pipelines (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  position text COLLATE "C" NOT NULL,
  color text CHECK (color ~ '^#[0-9a-fA-F]{6}$'),
  probability int NOT NULL CHECK (probability BETWEEN 0 AND 100),
  closed boolean NOT NULL DEFAULT false,
  won boolean NOT NULL DEFAULT false CHECK (NOT won OR closed),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (pipeline_id, position)
);

CREATE TABLE crm.contacts (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  type text NOT NULL CHECK (type IN ('lead', 'client', 'vendor', 'partner')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'churned')),
  first_name text CHECK (char_length(first_name) <= 100),
  last_name text CHECK (char_length(last_name) <= 100),
  email text CHECK (char_length(email) <= 255),
  phone text CHECK (char_length(phone) <= 50),
  company text CHECK (char_length(company) <= 200),
  job_title text CHECK (char_length(job_title) <= 200),
  avatar_url text CHECK (char_length(avatar_url) <= 1000),
  source text CHECK (source IN ('website', 'referral', 'cold_outreach', 'import', 'event', 'other')),
  custom_fields jsonb NOT NULL DEFAULT '{}',
  stage_id uuid REFERENCES crm.pipeline_stages (id),
  assigned_to uuid,
  converted_at timestamptz,
  merged_into_id uuid REFERENCES crm.contacts (id),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CHECK (coalesce(first_name, last_name, company, email) IS NOT NULL)
);
-- One live contact per e-mail address (case-insensitive) in an organization.
CREATE UNIQUE INDEX contacts_email_key ON crm.contacts (org_id, lower(email)) WHERE email IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX contacts_org_created_idx ON crm.contacts (org_id, created_at DESC, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_org_type_idx ON crm.contacts (org_id, type) WHERE deleted_at IS NULL;
CREATE INDEX contacts_org_company_idx ON crm.contacts (org_id, company) WHERE deleted_at IS NULL;
CREATE INDEX contacts_org_assignee_idx ON crm.contacts (org_id, assigned_to, created_at DESC) WHERE deleted_at IS NULL;

CREATE TABLE crm.deals (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  contact_id uuid NOT NULL REFERENCES crm.contacts (id),
  pipeline_id uuid NOT NULL REFERENCES crm.pipelines (id),
  stage_id uuid NOT NULL REFERENCES crm.pipeline_stages (id),
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 500),
  -- Exact: up to 15 integer digits and the 4 minor-unit digits the most precise currencies use.
  value numeric(19, 4) NOT NULL DEFAULT 0 CHECK (value >= 0),
  currency char(3) NOT NULL,
  probability int NOT NULL CHECK (probability BETWEEN 0 AND 100),
  probability_overridden boolean NOT NULL DEFAULT false,
  expected_close_date date,
  actual_close_date date,
  lost_reason text CHECK (char_length(lost_reason) <= 200),
  owner_id uuid,
  metadata jsonb NOT NULL DEFAULT '{}',
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX deals_pipeline_idx ON crm.deals (org_id, pipeline_id, stage_id) WHERE deleted_at IS NULL;
CREATE INDEX deals_contact_idx ON crm.deals (org_id, contact_id) WHERE deleted_at IS NULL;
CREATE INDEX deals_owner_idx ON crm.deals (org_id, owner_id, created_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX deals_org_created_idx ON crm.deals (org_id, created_at DESC, id) WHERE deleted_at IS NULL;

CREATE TABLE crm.interactions (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  contact_id uuid NOT NULL REFERENCES crm.contacts (id),
  deal_id uuid REFERENCES crm.deals (id),
  type text NOT NULL CHECK (type IN ('email', 'call', 'meeting', 'note', 'sms')),
  direction text CHECK (direction IN ('inbound', 'outbound')),
  subject text CHECK (char_length(subject) <= 500),
  body text CHECK (char_length(body) <= 100000),
  duration_seconds int CHECK (duration_seconds >= 0),
  occurred_at timestamptz NOT NULL,
  logged_by uuid NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX interactions_contact_idx ON crm.interactions (org_id, contact_id, occurred_at DESC, id) WHERE deleted_at IS NULL;
CREATE INDEX interactions_deal_idx ON crm.interactions (org_id, deal_id, occurred_at DESC) WHERE deleted_at IS NULL AND deal_id IS NOT NULL;

${tenant('contact_fields', 'pipelines', 'pipeline_stages', 'contacts', 'deals', 'interactions')}
${outboxSql('crm')}
-- The outbox is also the CRM's activity log: a contact's timeline reads its organization's events.
CREATE POLICY outbox_tenant_read ON crm.outbox FOR SELECT USING (org_id = ${CURRENT_ORG_SQL});
CREATE INDEX outbox_contact_idx ON crm.outbox (org_id, (data ->> 'contactId'), occurred_at DESC, id);
${idempotencySql('crm')}
`,
};
