import type { Migration } from '@cellgraph/kernel';

/** Filters on custom fields test containment (`custom_fields @> '{"tier": "gold"}'`), which this index answers. */
export const customFieldIndex: Migration = {
  id: '0003-custom-field-index',
  sql: 'CREATE INDEX contacts_custom_fields_idx ON crm.contacts USING gin (custom_fields jsonb_path_ops) WHERE deleted_at IS NULL;',
};
