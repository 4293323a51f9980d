import { sqlIdentifier } from './roles.js';

/**
 * Migration SQL that makes the database itself refuse references across organizations in
 * `schema`: every single-column foreign key from a tenant table (one with `org_id`) to another
 * tenant table's `id` becomes `(org_id, <column>) REFERENCES <table> (org_id, id)`, keeping its
 * name, ON DELETE action (SET NULL clears only the column) and deferrability. Foreign keys ignore
 * row-level security, so a plain `REFERENCES t (id)` accepts another organization's id — and
 * then blocks that organization from deleting its own row.
 *
 * The new keys are added NOT VALID: rows written before (possibly pointing across organizations)
 * are kept, but they no longer hold back the other organization's deletes; every new write is
 * checked. Run it again in a later migration after adding foreign keys.
 */
export function orgScopedReferencesSql(schema: string): string {
  const namespace = `'${sqlIdentifier(schema)}'::regnamespace`;
  return `DO $org_scoped$
DECLARE
  fk record;
  on_delete text;
BEGIN
  FOR fk IN
    SELECT c.conname, c.conrelid::regclass AS child, c.confrelid::regclass AS parent, parent_table.relname AS parent_name,
           a.attname AS col, c.confdeltype, c.condeferrable, c.condeferred
    FROM pg_constraint c
    JOIN pg_class parent_table ON parent_table.oid = c.confrelid
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    JOIN pg_attribute pk ON pk.attrelid = c.confrelid AND pk.attnum = c.confkey[1]
    WHERE c.contype = 'f' AND c.connamespace = ${namespace} AND cardinality(c.conkey) = 1 AND pk.attname = 'id'
      AND EXISTS (SELECT 1 FROM pg_attribute o WHERE o.attrelid = c.conrelid AND o.attname = 'org_id' AND NOT o.attisdropped)
      AND EXISTS (SELECT 1 FROM pg_attribute o WHERE o.attrelid = c.confrelid AND o.attname = 'org_id' AND NOT o.attisdropped)
  LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_constraint u WHERE u.conrelid = fk.parent AND u.contype = 'u' AND u.conname = fk.parent_name || '_org_id_id_key') THEN
      EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I UNIQUE (org_id, id)', fk.parent, fk.parent_name || '_org_id_id_key');
    END IF;
    on_delete := CASE fk.confdeltype
      WHEN 'c' THEN 'CASCADE'
      WHEN 'n' THEN format('SET NULL (%I)', fk.col)
      WHEN 'd' THEN format('SET DEFAULT (%I)', fk.col)
      WHEN 'r' THEN 'RESTRICT'
      ELSE 'NO ACTION' END;
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.child, fk.conname);
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I FOREIGN KEY (org_id, %I) REFERENCES %s (org_id, id) ON DELETE %s %s NOT VALID',
      fk.child, fk.conname, fk.col, fk.parent, on_delete,
      CASE WHEN NOT fk.condeferrable THEN '' WHEN fk.condeferred THEN 'DEFERRABLE INITIALLY DEFERRED' ELSE 'DEFERRABLE' END);
  END LOOP;
END
$org_scoped$;
`;
}
